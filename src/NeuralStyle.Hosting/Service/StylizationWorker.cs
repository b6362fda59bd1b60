using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Imaging;

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

    public StylizationWorker(StylizationQueue queue, ModelHolder model, IOptions<NeuralStyleServiceOptions> options, ILogger<StylizationWorker> logger)
    {
        _queue = queue;
        _model = model;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FastStyleModel model;
        try
        {
            model = await Task.Run(() => _model.Model, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LoadFailed(_logger, _options.ModelPath, e.Message);
            _queue.Close();
            return;
        }

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
            using TransferImage photo = new ImageLoader(_options.ImageLimits).Load(upload);
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            JobFailed(_logger, job.Id, e.Message);
            job.End(StylizationState.Failed, _queue.Clock.GetUtcNow(), e.Message);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "NeuralStyle service: model '{Style}', {Workers} worker(s), queue of {Capacity}")]
    private static partial void Started(ILogger logger, string style, int workers, int capacity);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "NeuralStyle service: the model '{Path}' could not be loaded, no job will run: {Reason}")]
    private static partial void LoadFailed(ILogger logger, string? path, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "NeuralStyle job {Id} failed: {Reason}")]
    private static partial void JobFailed(ILogger logger, string id, string reason);
}
