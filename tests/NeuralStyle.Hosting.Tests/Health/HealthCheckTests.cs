using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Health;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Tests.Health;

/// <summary>The health check reads each queue against its own capacity.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_full_paint_queue_is_reported_as_such_while_fast_jobs_are_still_taken()
    {
        var options = new NeuralStyleServiceOptions { ModelPath = "starry-night", QueueCapacity = 2 };
        options.Paint.QueueCapacity = 1;
        using var catalog = new StylizerCatalog(Options.Create(options));
        var queue = new StylizationQueue(Options.Create(options), catalog);
        var check = new NeuralStyleHealthCheck(queue, catalog);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        catalog.Load();
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.True(queue.TryEnqueue(new StylizationRequest(new byte[] { 1 }) { Method = StylizationMethod.Paint }, out _));
        HealthCheckResult paintFull = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, paintFull.Status);
        Assert.Contains("paint queue is full", paintFull.Description, StringComparison.Ordinal);

        Assert.True(queue.TryEnqueue(new StylizationRequest(new byte[] { 1 }), out _));
        Assert.True(queue.TryEnqueue(new StylizationRequest(new byte[] { 1 }), out _));
        Assert.Contains("fast queue is full", (await check.CheckHealthAsync(new HealthCheckContext())).Description, StringComparison.Ordinal);
    }
}
