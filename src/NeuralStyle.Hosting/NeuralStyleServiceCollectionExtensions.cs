using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Health;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting;

/// <summary>Registers NeuralStyle's hosted service.</summary>
public static class NeuralStyleServiceCollectionExtensions
{
    /// <summary>
    /// Adds the stylising service: <see cref="IStylizationQueue"/> (bounded, a queue for fast models and one
    /// for transfers), the background workers (a hosted service, cancelled on shutdown), the models loaded
    /// once and shared, options bound from the
    /// <c>NeuralStyle</c> configuration section when <paramref name="configure"/> does not set them and
    /// validated at start-up, and a health check named <c>neuralstyle</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options in code (after configuration binding, if any).</param>
    public static IServiceCollection AddNeuralStyle(this IServiceCollection services, Action<NeuralStyleServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        bool first = !services.Any(d => d.ServiceType == typeof(StylizerCatalog));
        OptionsBuilder<NeuralStyleServiceOptions> options = services.AddOptions<NeuralStyleServiceOptions>();
        if (first)
        {
            // Bound once: a second call's binding would apply the section again, over the first call's configure.
            options.BindConfiguration(NeuralStyleServiceOptions.SectionName);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NeuralStyleServiceOptions>, NeuralStyleServiceOptionsValidator>());
        services.TryAddSingleton<StylizerCatalog>();
        services.TryAddSingleton<StylizationQueue>();
        services.TryAddSingleton<IStylizationQueue>(provider => provider.GetRequiredService<StylizationQueue>());
        services.AddHostedService<StylizationWorker>();
        if (first)
        {
            // A second call adds its configuration only: the health check's name must stay unique.
            services.AddHealthChecks().AddCheck<NeuralStyleHealthCheck>("neuralstyle");
        }

        return services;
    }
}
