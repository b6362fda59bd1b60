using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// The background workers: <see cref="NeuralStyleServiceOptions.MaxDegreeOfParallelism"/> loops that take
/// fast jobs, and one that takes paint jobs (a transfer uses every core for minutes); each job runs
/// through <see cref="StylizePipeline"/> with the stylizer its request names. On shutdown the queues are
/// closed, waiting jobs are cancelled and running ones are cancelled between tiles or evaluations.
/// </summary>
internal sealed partial class StylizationWorker : BackgroundService
{
    private readonly StylizationQueue _queue;
    private readonly StylizerCatalog _catalog;
    private readonly NeuralStyleServiceOptions _options;
    private readonly ILogger<StylizationWorker> _logger;
    private readonly StylizePipeline _pipeline;

    public StylizationWorker(StylizationQueue queue, StylizerCatalog catalog, IOptions<NeuralStyleServiceOptions> options, ILogger<StylizationWorker> logger)
    {
        _queue = queue;
        _catalog = catalog;
        _options = options.Value;
        _logger = logger;
        _pipeline = new StylizePipeline(_options.ImageLimits);
    }

    /// <summary>
    /// Loads the models before the host finishes starting: a model that cannot be loaded (a corrupt
    /// file, a device that is not there) stops the host with the model's error, instead of a service
    /// that runs and refuses every job.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _catalog.Load();
        }
        catch (InvalidOperationException e)
        {
            LoadFailed(_logger, e.Message);
            throw;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Started(_logger, _catalog.DefaultModel.Info.StyleName, _options.MaxDegreeOfParallelism, _options.QueueCapacity, _queue.CapacityOf(StylizationMethod.Paint));
        using CancellationTokenRegistration closing = stoppingToken.Register(_queue.Close);
        IEnumerable<StylizationMethod> loops = Enumerable.Repeat(StylizationMethod.Fast, _options.MaxDegreeOfParallelism)
            .Concat(_options.Paint.Enabled ? [StylizationMethod.Paint] : []);
        Task[] workers = loops.Select(method => Task.Run(() => Work(method, stoppingToken), CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task Work(StylizationMethod method, CancellationToken stoppingToken)
    {
        var reader = _queue.ReaderOf(method);
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!reader.TryRead(out StylizationJob? job))
            {
                continue;
            }

            _queue.Took(job);
            if (stoppingToken.IsCancellationRequested)
            {
                job.End(StylizationState.Cancelled, _queue.Clock.GetUtcNow(), "The service shut down before the job ran.");
                continue;
            }

            await RunAsync(job, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(StylizationJob job, CancellationToken stoppingToken)
    {
        try
        {
            job.Advance(StylizationState.Running, 0);
            StylizationRequest request = job.Request;
            using IStylizer stylizer = _catalog.For(request);
            byte[] result = await _pipeline.RenderAsync(
                stylizer,
                ImageSource.FromStream(new MemoryStream(request.Image.ToArray(), writable: false)),
                request.Format,
                new SynchronousProgress<StylizeProgress>(p => job.Advance(StylizationState.Running, p.Fraction)),
                stoppingToken).ConfigureAwait(false);
            job.End(StylizationState.Succeeded, _queue.Clock.GetUtcNow(), result: result);
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

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "NeuralStyle service: default style '{Style}', {Workers} fast worker(s), queue of {Capacity}; paint queue of {PaintCapacity}")]
    private static partial void Started(ILogger logger, string style, int workers, int capacity, int paintCapacity);

    [LoggerMessage(EventId = 301, Level = LogLevel.Critical, Message = "NeuralStyle service: {Reason}")]
    private static partial void LoadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "NeuralStyle job {Id} failed: {Reason}")]
    private static partial void JobFailed(ILogger logger, string id, string reason);
}
