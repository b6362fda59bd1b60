using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Styles;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Batch.Manifests;

/// <summary>
/// The stylizers of a manifest's lines (<see cref="Manifest"/>), each made once and shared by every
/// line that asks for it: one per distinct model and options (each model loaded once), one per
/// distinct transfer (its styles and settings; its style targets computed once), and one feature
/// extractor per distinct need of the transfer lines, as the host keys them (a preset's
/// preprocessing: <c>"preset": "keras"</c> needs VGG19 with Caffe input). Disposes all of them.
/// </summary>
public sealed class ManifestStylizers : IDisposable
{
    private static readonly JsonSerializerOptions KeyJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Func<StyleTransferSettings, string> _needOf;
    private readonly Func<StyleTransferSettings, (IFeatureExtractor Extractor, string Identity)> _load;
    private readonly torch.Device? _device;
    private readonly ImageLoadOptions _imageLimits;
    private readonly Dictionary<string, FastStyleModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IFeatureExtractor Extractor, string Identity)> _extractors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IStylizer> _stylizers = new(StringComparer.Ordinal);

    /// <summary>Stylizers made with the host's networks.</summary>
    /// <param name="needOf">What a transfer's settings need of the extractor, as a key: transfers with one key share one extractor.</param>
    /// <param name="load">Loads the extractor a transfer's settings need, with what identifies it and its weights in each output's record; the extractors it returns are disposed with this.</param>
    /// <param name="device">The device models are loaded on (null: the CPU).</param>
    /// <param name="imageLimits">The limits the transfers' style images are decoded under (null: the defaults); each job's photo is under <see cref="BatchOptions.ImageLimits"/>.</param>
    public ManifestStylizers(
        Func<StyleTransferSettings, string> needOf,
        Func<StyleTransferSettings, (IFeatureExtractor Extractor, string Identity)> load,
        torch.Device? device = null,
        ImageLoadOptions? imageLimits = null)
    {
        ArgumentNullException.ThrowIfNull(needOf);
        ArgumentNullException.ThrowIfNull(load);
        _needOf = needOf;
        _load = load;
        _device = device;
        _imageLimits = imageLimits ?? ImageLoadOptions.Default;
    }

    /// <summary>
    /// A job per line, its stylizer made (or shared); a line whose stylizer cannot be made (a setting
    /// <c>Build()</c> refuses, a model that cannot be loaded) is a problem with its number. What
    /// <c>load</c> throws is no line's problem (every transfer line needs the network) and reaches the caller.
    /// </summary>
    /// <param name="lines">The manifest's lines (<see cref="Manifest.Read"/>).</param>
    /// <exception cref="ArgumentException">A line has neither a transfer nor a model.</exception>
    public (IReadOnlyList<BatchJob> Jobs, IReadOnlyList<BatchProblem> Problems) JobsFor(IReadOnlyList<ManifestLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var jobs = new List<BatchJob>(lines.Count);
        var problems = new List<BatchProblem>();
        foreach (ManifestLine line in lines)
        {
            if ((line.Transfer is null) == (line.Model is null))
            {
                throw new ArgumentException($"Line {line.Line} has {(line.Transfer is null ? "neither" : "both")} a transfer and a model: give it one of them.", nameof(lines));
            }

            try
            {
                IStylizer stylizer = line.Transfer is ManifestTransfer transfer ? Transfer(transfer) : Model(line.Model!);
                jobs.Add(new BatchJob { Line = line.Line, Content = line.Content, Output = line.Output, Stylizer = stylizer });
            }
            catch (StyleTransferConfigurationException e)
            {
                problems.AddRange(e.Problems.Select(p => new BatchProblem(line.Line, p.ToString(ManifestSettings.Suggest, ", "), p.Setting)));
            }
            catch (Exception e) when (line.Model is not null && e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidWeightsException)
            {
                problems.Add(new BatchProblem(line.Line, $"the model '{line.Model.Name}' cannot be used: {e.Message}"));
            }
        }

        return (jobs, problems);
    }

    /// <summary>The transfer of <paramref name="transfer"/>'s styles and settings.</summary>
    /// <exception cref="StyleTransferConfigurationException">A setting or style is invalid.</exception>
    private IStylizer Transfer(ManifestTransfer transfer)
    {
        string need = _needOf(transfer.Settings);
        string key = "transfer|" + need + "|" + JsonSerializer.Serialize(new { transfer.Settings, Styles = transfer.Styles.Select(s => new { s.Source.FilePath, s.Weight, Mask = s.Mask?.FilePath }) }, KeyJson);
        if (!_stylizers.TryGetValue(key, out IStylizer? stylizer))
        {
            if (!_extractors.TryGetValue(need, out (IFeatureExtractor Extractor, string Identity) extractor))
            {
                extractor = _load(transfer.Settings);
                _extractors[need] = extractor;
            }

            stylizer = new StyleTransferBuilder()
                .WithFeatureExtractor(extractor.Extractor, extractor.Identity)
                .WithSettings(transfer.Settings)
                .WithImageLoadOptions(_imageLimits)
                .AddStyles(transfer.Styles)
                .BuildStylizer();
            _stylizers[key] = stylizer;
        }

        return stylizer;
    }

    /// <summary>The model of <paramref name="model"/> (a built-in style's name or a model file) with its options.</summary>
    /// <exception cref="InvalidDataException">The model cannot be loaded (the message says why).</exception>
    /// <exception cref="StyleTransferConfigurationException">An option is invalid.</exception>
    private IStylizer Model(ManifestModel model)
    {
        string name = BuiltInStyles.TryParse(model.Name, out BuiltInStyle style) ? BuiltInStyles.NameOf(style) : OutputGuard.Canonical(model.Name);
        string key = "model|" + name + "|" + JsonSerializer.Serialize(model.Options, KeyJson);
        if (!_stylizers.TryGetValue(key, out IStylizer? stylizer))
        {
            if (!_models.TryGetValue(name, out FastStyleModel? loaded))
            {
                loaded = BuiltInStyles.LoadModel(name, _device);
                _models[name] = loaded;
            }

            stylizer = loaded.AsStylizer(model.Options);
            _stylizers[key] = stylizer;
        }

        return stylizer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (IDisposable owned in _stylizers.Values.Concat<IDisposable>(_models.Values).Concat(_extractors.Values.Select(e => e.Extractor)))
        {
            owned.Dispose();
        }

        _stylizers.Clear();
        _models.Clear();
        _extractors.Clear();
    }
}
