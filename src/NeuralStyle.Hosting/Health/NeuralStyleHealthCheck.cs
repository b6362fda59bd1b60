using Microsoft.Extensions.Diagnostics.HealthChecks;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Health;

/// <summary>Healthy when the models are loaded and both queues have room; degraded when a queue is full (each reported apart); unhealthy before the models load (one that fails to load stops the host from starting).</summary>
internal sealed class NeuralStyleHealthCheck : IHealthCheck
{
    private readonly StylizationQueue _queue;
    private readonly StylizerCatalog _catalog;

    public NeuralStyleHealthCheck(StylizationQueue queue, StylizerCatalog catalog)
    {
        _queue = queue;
        _catalog = catalog;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int fast = _queue.PendingOf(StylizationMethod.Fast), paint = _queue.PendingOf(StylizationMethod.Paint);
        int fastCapacity = _queue.CapacityOf(StylizationMethod.Fast), paintCapacity = _queue.CapacityOf(StylizationMethod.Paint);
        var data = new Dictionary<string, object>
        {
            ["pending"] = fast, ["capacity"] = fastCapacity, ["paintPending"] = paint, ["paintCapacity"] = paintCapacity, ["modelLoaded"] = _catalog.IsLoaded,
        };
        HealthCheckResult result = !_catalog.IsLoaded
            ? HealthCheckResult.Unhealthy("The models are not loaded (still starting, or one failed: see the log).", data: data)
            : fast >= fastCapacity
                ? HealthCheckResult.Degraded("The fast queue is full: new jobs are refused until it drains.", data: data)
                : paintCapacity > 0 && paint >= paintCapacity
                    ? HealthCheckResult.Degraded("The paint queue is full: new paintings are refused until it drains; fast jobs are taken.", data: data)
                    : HealthCheckResult.Healthy("Ready.", data);
        return Task.FromResult(result);
    }
}
