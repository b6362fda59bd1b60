using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Imaging;
using NeuralStyle.Styles;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// The background workers: <see cref="NeuralStyleServiceOptions.MaxDegreeOfParallelism"/> loops that
/// take jobs from the queue and stylise them with the one shared model. On shutdown the queue is
/// closed, waiting jobs are cancelled and running ones are cancelled between tiles.
/// </summary>
internal sealed partial class StylizationWorker : BackgroundService
{
    private readonly StylizationQueue _queue;
    private readonly ModelHolder _model;
    private readonly NeuralStyleServiceOptions _options;
    private readonly ILogger<StylizationWorker> _logger;
    private readonly ImageLoader _loader;

    public StylizationWorker(StylizationQueue queue, ModelHolder model, IOptions<NeuralStyleServiceOptions> options, ILogger<StylizationWorker> logger)
    {
        _queue = queue;
        _model = model;
        _options = options.Value;
        _logger = logger;
        _loader = new ImageLoader(_options.ImageLimits);
    }

    /// <summary>
    /// Loads the model before the host finishes starting: a model that cannot be loaded (a corrupt
    /// file, a device that is not there) stops the host with the model's error, instead of a service
    /// that runs and refuses every job.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = _model.Model;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LoadFailed(_logger, _options.ModelPath, e.Message);
            throw new InvalidOperationException(
                $"{NeuralStyleServiceOptions.SectionName}:ModelPath '{_options.ModelPath}' could not be loaded on device '{_options.Device}', so the service does not start: {e.Message} "
                + $"Give a built-in style ({string.Join(", ", BuiltInStyles.Names)}) or a model written by `neural-style train`, and a device this machine has.",
                e);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FastStyleModel model = _model.Model;
        Started(_logger, model.Info.StyleName, _options.MaxDegreeOfParallelism, _options.QueueCapacity);
        using CancellationTokenRegistration closing = stoppingToken.Register(_queue.Close);
        Task[] workers = Enumerable.Range(0, _options.MaxDegreeOfParallelism).Select(_ => Task.Run(() => Work(model, stoppingToken), CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task Work(FastStyleModel model, CancellationToken stoppingToken)
    {
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!_queue.Reader.TryRead(out StylizationJob? job))
            {
                continue;
            }

            _queue.Took(job);
            if (stoppingToken.IsCancellationRequested)
            {
                job.End(StylizationState.Cancelled, _queue.Clock.GetUtcNow(), "The service shut down before the job ran.");
                continue;
            }

            Run(model, job, stoppingToken);
        }
    }

    private void Run(FastStyleModel model, StylizationJob job, CancellationToken stoppingToken)
    {
        try
        {
            job.Advance(StylizationState.Running, 0);
            StylizationRequest request = job.Request;
            StylizeOptions options = _options.Stylize with
            {
                Size = request.Size ?? _options.Stylize.Size,
                Strength = request.Strength ?? _options.Stylize.Strength,
            };
            using var upload = new MemoryStream(request.Image.ToArray(), writable: false);
            using TransferImage photo = _loader.Load(upload);
            job.Advance(StylizationState.Running, 0.1);
            using TransferImage result = model.Stylize(photo, options, stoppingToken);
            job.Advance(StylizationState.Running, 0.9);
            using var encoded = new MemoryStream();
            ImageWriter.Encode(result, request.Format, encoded);
            job.End(StylizationState.Succeeded, _queue.Clock.GetUtcNow(), result: encoded.ToArray());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.End(StylizationState.Cancelled, _queue.Clock.GetUtcNow(), "The service shut down while the job ran.");
        }
        catch (Exception e)
        {
            // Out of memory included: the job's buffers are gone with it, and the worker goes on to the next job.
            JobFailed(_logger, job.Id, e.Message);
            job.End(StylizationState.Failed, _queue.Clock.GetUtcNow(), e.Message);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "NeuralStyle service: model '{Style}', {Workers} worker(s), queue of {Capacity}")]
    private static partial void Started(ILogger logger, string style, int workers, int capacity);

    [LoggerMessage(EventId = 301, Level = LogLevel.Critical, Message = "NeuralStyle service: the model '{Path}' could not be loaded, the service does not start: {Reason}")]
    private static partial void LoadFailed(ILogger logger, string? path, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "NeuralStyle job {Id} failed: {Reason}")]
    private static partial void JobFailed(ILogger logger, string id, string reason);
}
