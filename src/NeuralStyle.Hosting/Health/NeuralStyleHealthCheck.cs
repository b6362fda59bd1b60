using Microsoft.Extensions.Diagnostics.HealthChecks;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Health;

/// <summary>Healthy when the model is loaded and the queue has room; degraded when the queue is full; unhealthy before the model loads (a model that fails to load stops the host from starting).</summary>
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
        var data = new Dictionary<string, object> { ["pending"] = _queue.Pending, ["capacity"] = _queue.Capacity, ["modelLoaded"] = _catalog.IsLoaded };
        HealthCheckResult result = !_catalog.IsLoaded
            ? HealthCheckResult.Unhealthy("The fast-style model is not loaded (still starting, or it failed: see the log).", data: data)
            : _queue.Pending >= _queue.Capacity
                ? HealthCheckResult.Degraded("The queue is full: new jobs are refused until it drains.", data: data)
                : HealthCheckResult.Healthy("Ready.", data);
        return Task.FromResult(result);
    }
}
