using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Tests;

/// <summary>Registering the service: the configuration section is bound once, each call's configure applies after it.</summary>
public sealed class NeuralStyleServiceCollectionExtensionsTests
{
    [Fact]
    public void A_second_registration_adds_its_configure_without_binding_the_section_again_over_the_first()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["NeuralStyle:ModelPath"] = "shipwreck", ["NeuralStyle:QueueCapacity"] = "16" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddNeuralStyle(o => o.QueueCapacity = 7);
        services.AddNeuralStyle(o => o.MaxRetainedJobs = 99);
        using ServiceProvider provider = services.BuildServiceProvider();

        NeuralStyleServiceOptions options = provider.GetRequiredService<IOptions<NeuralStyleServiceOptions>>().Value;
        Assert.Equal(("shipwreck", 7, 99), (options.ModelPath, options.QueueCapacity, options.MaxRetainedJobs));
        Assert.Single(services, d => d.ImplementationType == typeof(StylizationWorker));
    }
}
