using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;

namespace NeuralStyle.Hosting.Tests;

/// <summary>The sample web service with a seeded quarter-width model and test settings.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-service-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public ServiceFactory(params (string Key, string Value)[] settings)
    {
        string model = Path.Combine(_folder, "seeded.safetensors");
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
