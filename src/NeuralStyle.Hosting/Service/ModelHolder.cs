using Microsoft.Extensions.Options;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Styles;
using TorchSharp;

namespace NeuralStyle.Hosting.Service;

/// <summary>The one shared fast-style model, loaded on first use (the worker's start), disposed with the container.</summary>
internal sealed class ModelHolder : IDisposable
{
    private readonly Lazy<FastStyleModel> _model;

    public ModelHolder(IOptions<NeuralStyleServiceOptions> options)
    {
        NeuralStyleServiceOptions settings = options.Value;
        _model = new Lazy<FastStyleModel>(() => BuiltInStyles.LoadModel(settings.ModelPath!, new torch.Device(settings.Device)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The model (loads it the first time).</summary>
    public FastStyleModel Model => _model.Value;

    /// <summary>Whether it loaded.</summary>
    public bool IsLoaded => _model.IsValueCreated;

    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }
    }
}
