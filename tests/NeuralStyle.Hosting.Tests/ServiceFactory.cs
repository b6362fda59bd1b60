using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;

namespace NeuralStyle.Hosting.Tests;

/// <summary>The sample web service with a seeded quarter-width model and test settings.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// The test classes that start the sample run one at a time: WebApplicationFactory finds the app's
    /// host through a process-wide listener, so two hosts built at once (one failing to start, say)
    /// can each see the other's, and one of them then meets a disposed service provider.
    /// </summary>
    public const string Collection = "the sample web service";

    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-service-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public ServiceFactory(params (string Key, string Value)[] settings)
    {
        string model = ModelPath = Path.Combine(_folder, "seeded.safetensors");
        var architecture = new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 1 };
        using (var seeded = new FastStyleModel(TransformerNet.Initialize(architecture, 5), new FastStyleModelInfo { Architecture = architecture, StyleName = "seeded", TrainingSize = 64 }))
        {
            seeded.Save(model);
        }

        _settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["NeuralStyle:ModelPath"] = model };
        foreach ((string key, string value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>
    /// Starts the service, which must fail: why, as text (every exception the host logged, then the one
    /// thrown). The log is the record: the app's entry point disposes its host as soon as the start
    /// fails, and WebApplicationFactory, racing it, may then meet the disposed provider and throw
    /// ObjectDisposedException instead of the start's own exception.
    /// </summary>
    /// <param name="kestrel">Start a real Kestrel server (its options are built before the start-up validation) rather than the test server.</param>
    public string StartFailure(bool kestrel = false)
    {
        var logs = new LogRecorder();
        using WebApplicationFactory<Program> logged = WithWebHostBuilder(web => web.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        if (kestrel)
        {
            logged.UseKestrel(0);
        }

        Exception thrown = Assert.ThrowsAny<Exception>(() => logged.CreateClient());
        return string.Join('\n', logs.Entries.Where(e => e.Exception is not null).Select(e => e.Exception!.ToString()).Append(thrown.ToString()));
    }

    /// <summary>The seeded model file (the service's default style).</summary>
    public string ModelPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach ((string key, string? value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>The collection of <see cref="ServiceFactory.Collection"/>: its classes never run in parallel.</summary>
[CollectionDefinition(ServiceFactory.Collection, DisableParallelization = true)]
public sealed class ServiceCollectionDefinition;
