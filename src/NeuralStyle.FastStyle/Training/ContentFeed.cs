using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Diagnostics;
using NeuralStyle.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Training batches, decoded off the training thread: a background producer draws each sample's
/// photo and crop from the <see cref="CropPlan"/>, decodes (or takes from a bounded cache of
/// downscaled copies), crops, resizes and flips it, and queues <c>[B, 3, S, S]</c> RGB tensors,
/// at most <see cref="QueueDepth"/> ahead. A photo that cannot be decoded is skipped, counted and
/// logged; the sample falls back on the next photo of its epoch.
/// </summary>
internal sealed class ContentFeed : IDisposable
{
    /// <summary>Batches prepared ahead of the training step.</summary>
    public const int QueueDepth = 2;

    /// <summary>Cached photos are downscaled to this many times the crop size on their short side: crops then span 1x to 2x zoom.</summary>
    public const int CacheScale = 2;

    private readonly IReadOnlyList<string> _files;
    private readonly int _size;
    private readonly int _batchSize;
    private readonly CropPlan _plan;
    private readonly ImageLoader _loader;
    private readonly long _cacheBytes;
    private readonly ILogger _logger;
    private readonly Dictionary<int, Image<Rgb24>> _cache = [];
    private readonly HashSet<int> _unreadable = [];
    private readonly Channel<torch.Tensor> _queue = Channel.CreateBounded<torch.Tensor>(
        new BoundedChannelOptions(QueueDepth) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private long _cachedBytes;
    private int _skipped;
    private string? _lastSkip;

    /// <summary>Starts producing from sample <paramref name="firstSample"/>.</summary>
    public ContentFeed(IReadOnlyList<string> files, int size, int batchSize, long seed, long firstSample, ImageLoader loader, long cacheBytes, ILogger logger)
    {
        _files = files;
        _size = size;
        _batchSize = batchSize;
        _plan = new CropPlan(files.Count, seed);
        _loader = loader;
        _cacheBytes = cacheBytes;
        _logger = logger;
        _producer = Task.Factory.StartNew(() => Produce(firstSample), _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Photos skipped so far because they could not be decoded.</summary>
    public int Skipped => Volatile.Read(ref _skipped);

    /// <summary>The next batch (the caller owns it); waits for the producer.</summary>
    /// <exception cref="InvalidDataException">No photo of the folder can be decoded.</exception>
    public torch.Tensor Next(CancellationToken cancellationToken)
    {
        try
        {
            return _queue.Reader.ReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException closed) when (closed.InnerException is not null)
        {
            throw closed.InnerException;
        }
    }

    private void Produce(long firstSample)
    {
        try
        {
            for (long sample = firstSample; !_stop.IsCancellationRequested; sample += _batchSize)
            {
                torch.Tensor batch = Batch(sample);
                if (!_queue.Writer.TryWrite(batch))
                {
                    try
                    {
                        _queue.Writer.WriteAsync(batch, _stop.Token).AsTask().GetAwaiter().GetResult();
                    }
                    catch (OperationCanceledException)
                    {
                        batch.Dispose();
                        throw;
                    }
                }
            }

            _queue.Writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            _queue.Writer.TryComplete();
        }
        catch (Exception e)
        {
            // Out of memory too: the trainer waiting in Next hears of it instead of waiting forever.
            _queue.Writer.TryComplete(e);
        }
    }

    private torch.Tensor Batch(long firstSample)
    {
        using var scope = torch.NewDisposeScope();
        var crops = new torch.Tensor[_batchSize];
        for (int i = 0; i < _batchSize; i++)
        {
            long sample = firstSample + i;
            (Image<Rgb24> photo, bool cached) = Photo(sample);
            try
            {
                (int left, int top, int side, bool flip) = _plan.Crop(sample, photo.Width, photo.Height, _size);
                using Image<Rgb24> crop = photo.Clone(c =>
                {
                    c.Crop(new Rectangle(left, top, side, side)).Resize(_size, _size, KnownResamplers.Triangle);
                    if (flip)
                    {
                        c.Flip(FlipMode.Horizontal);
                    }
                });
                crops[i] = ImageTensor.FromImage(crop);
            }
            finally
            {
                if (!cached)
                {
                    photo.Dispose();
                }
            }
        }

        return torch.cat(crops, 0).DetachFromDisposeScope();
    }

    /// <summary>The decoded, downscaled photo of <paramref name="sample"/> (or the first readable fallback), and whether the cache owns it.</summary>
    private (Image<Rgb24> Photo, bool Cached) Photo(long sample)
    {
        foreach (int index in _plan.Photos(sample))
        {
            if (_cache.TryGetValue(index, out Image<Rgb24>? cachedPhoto))
            {
                return (cachedPhoto, true);
            }

            if (_unreadable.Contains(index))
            {
                continue;
            }

            Image<Rgb24>? photo = Decode(index);
            if (photo is null)
            {
                continue;
            }

            long bytes = (long)photo.Width * photo.Height * 3;
            if (_cachedBytes + bytes <= _cacheBytes)
            {
                _cache[index] = photo;
                _cachedBytes += bytes;
                return (photo, true);
            }

            return (photo, false);
        }

        throw new InvalidDataException(
            $"None of the {_files.Count} photos could be decoded ({_skipped} skipped; the last: {_lastSkip}): give a folder of readable images ({string.Join(", ", ContentFolder.Extensions)}) within the decoding limits.");
    }

    private Image<Rgb24>? Decode(int index)
    {
        string file = _files[index];
        try
        {
            using TransferImage image = _loader.Load(file);
            int shortSide = Math.Min(image.Width, image.Height);
            int target = CacheScale * _size;
            if (shortSide <= target)
            {
                return image.Color.Clone();
            }

            double scale = (double)target / shortSide;
            return image.Color.Clone(c => c.Resize(
                Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)), KnownResamplers.Triangle));
        }
        catch (Exception e) when (e is InvalidImageException or ImageTooLargeException or IOException or UnauthorizedAccessException)
        {
            _unreadable.Add(index);
            Interlocked.Increment(ref _skipped);
            _lastSkip = e.Message;
            FastStyleLog.PhotoSkipped(_logger, file, e.Message);
            return null;
        }
    }

    /// <summary>Stops the producer and frees every queued batch and cached photo.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException)
        {
            // The producer's failure was handed to the reader; nothing more to report here.
        }

        while (_queue.Reader.TryRead(out torch.Tensor? batch))
        {
            batch.Dispose();
        }

        foreach (Image<Rgb24> photo in _cache.Values)
        {
            photo.Dispose();
        }

        _cache.Clear();
        _stop.Dispose();
    }
}
