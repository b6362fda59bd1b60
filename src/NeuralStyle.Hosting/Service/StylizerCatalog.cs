using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Features;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Runtime;
using NeuralStyle.Styles;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// Every stylisation the service offers, each made on demand from what is loaded once: the default
/// style (<see cref="NeuralStyleServiceOptions.ModelPath"/>) and the named <see cref="NeuralStyleServiceOptions.Models"/>,
/// loaded at start-up; the built-in styles, loaded when first asked for; and, for paint requests,
/// the ResNet18 feature extractor and the paintings, loaded on the first one. Disposed with the container.
/// </summary>
internal sealed class StylizerCatalog : IDisposable
{
    private readonly NeuralStyleServiceOptions _options;
    private readonly torch.Device _device;
    private readonly ConcurrentDictionary<string, Lazy<FastStyleModel>> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<BuiltInStyle, Lazy<Image<Rgb24>>> _paintings = new();
    private readonly Lock _extractorGate = new();
    private IFeatureExtractor? _extractor;
    private volatile bool _loaded;

    public StylizerCatalog(IOptions<NeuralStyleServiceOptions> options)
    {
        _options = options.Value;
        // The options' validator has refused a name that is no device; this reads it the same one way.
        _device = TorchDevices.TryParse(_options.Device, out torch.Device? device, out string? problem) ? device : throw new InvalidOperationException(problem);
    }

    /// <summary>Whether the start-up models loaded.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>The style names a request may give: the built-in styles and the configured models.</summary>
    public IReadOnlyList<string> StyleNames => [.. BuiltInStyles.Names, .. _options.Models.Keys];

    /// <summary>The default style's model (what <see cref="Load"/> loads first).</summary>
    public FastStyleModel DefaultModel => Model(_options.ModelPath!);

    /// <summary>Loads the default style and every configured model.</summary>
    /// <exception cref="InvalidOperationException">A model cannot be loaded: the message names its setting, the cause and the fix.</exception>
    public void Load()
    {
        string section = NeuralStyleServiceOptions.SectionName;
        Require($"{section}:ModelPath", _options.ModelPath!, _options.ModelPath!);
        foreach ((string name, string path) in _options.Models)
        {
            Require($"{section}:Models:{name}", name, path);
        }

        _loaded = true;
    }

    private void Require(string setting, string key, string path)
    {
        try
        {
            _ = Model(key);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"{setting} '{path}' could not be loaded on device '{_options.Device}', so the service does not start: {e.Message} "
                + $"Give a built-in style ({string.Join(", ", BuiltInStyles.Names)}) or a model trained with FastStyleTrainer (`neural-style train`), and a device this machine has.",
                e);
        }
    }

    /// <summary>What is wrong with <paramref name="request"/>'s style, method, size, strength or format, or null when the service can run it.</summary>
    public string? Problem(StylizationRequest request)
    {
        if (!ImageWriter.SupportedExtensions.Contains(request.Format, StringComparer.OrdinalIgnoreCase))
        {
            return $"Unknown result format '{request.Format}': give one of {string.Join(", ", ImageWriter.SupportedExtensions)}.";
        }

        if (request.Method == StylizationMethod.Paint)
        {
            if (!_options.Paint.Enabled)
            {
                return "This service does not paint (NeuralStyle:Paint:Enabled is false): ask for the fast method.";
            }

            if (!BuiltInStyles.TryParse(request.Style ?? _options.ModelPath, out _))
            {
                return $"Painting needs a built-in style's painting: give style {string.Join(", ", BuiltInStyles.Names)}.";
            }

            if (request.Size is int side && (side < PaintServiceOptions.MinimumSize || side > _options.Paint.MaxSize))
            {
                return $"A painting's size must be from {PaintServiceOptions.MinimumSize} to {_options.Paint.MaxSize} px (got {side}); leave it out for {_options.Paint.Size}.";
            }
        }
        else if (request.Style is string style && !BuiltInStyles.TryParse(style, out _) && !_options.Models.ContainsKey(style))
        {
            return $"Unknown style '{style}': give one of {string.Join(", ", StyleNames)}, or none for the service's default.";
        }
        else if (request.Size is int side && StylizeSettingDescriptions.Size.ProblemWith(side) is ConfigurationProblem sized)
        {
            return $"{StylizeSettingDescriptions.Size.Key}: {sized}";
        }

        // One range for both methods (the transfer's strength and the fast network's share one): the description's check.
        return request.Strength is double strength && StylizeSettingDescriptions.Strength.ProblemWith(strength) is ConfigurationProblem problem
            ? $"{StylizeSettingDescriptions.Strength.Key}: {problem}"
            : null;
    }

    /// <summary>The stylizer of <paramref name="request"/> (checked by <see cref="Problem"/>); the caller disposes it.</summary>
    public IStylizer For(StylizationRequest request) => request.Method == StylizationMethod.Paint ? Painter(request) : Fast(request);

    private FastStylizer Fast(StylizationRequest request)
    {
        StylizeOptions options = _options.Stylize with
        {
            Size = request.Size ?? _options.Stylize.Size,
            Strength = request.Strength ?? _options.Stylize.Strength,
        };
        return Model(request.Style ?? _options.ModelPath!).AsStylizer(options);
    }

    private TransferStylizer Painter(StylizationRequest request)
    {
        BuiltInStyles.TryParse(request.Style ?? _options.ModelPath, out BuiltInStyle style);
        Image<Rgb24> painting = Once(_paintings, style, s =>
        {
            using Stream stream = BuiltInStyles.OpenPainting(s);
            return Image.Load<Rgb24>(stream);
        });
        StyleTransferSettings settings = StyleTransferSettings.Default
            .WithImage(i => i with { Size = OutputSize.LongestSide(request.Size ?? _options.Paint.Size) })
            .WithOptimization(o => o with { Evaluations = _options.Paint.Evaluations ?? o.Evaluations })
            .WithObjective(o => o with { StyleStrength = request.Strength ?? o.StyleStrength });
        return new StyleTransferBuilder()
            .WithFeatureExtractor(Extractor())
            .WithSettings(settings)
            .WithImageLoadOptions(_options.ImageLimits)
            .AddStyle(painting)
            .BuildStylizer();
    }

    /// <summary>The model a name or the default path names: a configured model's file, a built-in style, or a model file.</summary>
    private FastStyleModel Model(string nameOrPath) =>
        Once(_models, nameOrPath, key => BuiltInStyles.LoadModel(_options.Models.TryGetValue(key, out string? path) ? path : key, _device));

    /// <summary>The ResNet18 the paintings are made with, loaded on the first paint job (again after a failed load).</summary>
    private IFeatureExtractor Extractor()
    {
        lock (_extractorGate)
        {
            return _extractor ??= ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = _options.Paint.ExtractorModelPath, Device = _device });
        }
    }

    /// <summary>
    /// The value of <paramref name="key"/>, made once by <paramref name="make"/> and shared; a make that
    /// fails is forgotten, so the next request tries again instead of meeting the same error forever.
    /// </summary>
    private static TValue Once<TKey, TValue>(ConcurrentDictionary<TKey, Lazy<TValue>> made, TKey key, Func<TKey, TValue> make)
        where TKey : notnull
    {
        Lazy<TValue> once = made.GetOrAdd(key, k => new Lazy<TValue>(() => make(k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return once.Value;
        }
        catch
        {
            made.TryRemove(KeyValuePair.Create(key, once));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (Lazy<FastStyleModel> model in _models.Values.Where(m => m.IsValueCreated))
        {
            model.Value.Dispose();
        }

        foreach (Lazy<Image<Rgb24>> painting in _paintings.Values.Where(p => p.IsValueCreated))
        {
            painting.Value.Dispose();
        }

        _extractor?.Dispose();
    }
}
