using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Features;
using NeuralStyle.IO;
using NeuralStyle.Styles;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Cli.Batch;

/// <summary>
/// The stylizers of a manifest's jobs, each made once and shared by every line that asks for it: one
/// per distinct model and options (each model loaded once), one per distinct transfer (its styles and
/// settings; its style targets computed once), and one feature extractor per distinct need of the
/// transfer lines (a preset's preprocessing: <c>"preset": "keras"</c> gets VGG19 with Caffe input).
/// Disposes all of them.
/// </summary>
internal sealed class JobStylizers : IDisposable
{
    private static readonly JsonSerializerOptions KeyJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Func<StyleJob, string> _needOf;
    private readonly Func<StyleJob, (IFeatureExtractor Extractor, string Identity)> _load;
    private readonly torch.Device? _device;
    private readonly Dictionary<string, FastStyleModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IFeatureExtractor Extractor, string Identity)> _extractors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IStylizer> _stylizers = new(StringComparer.Ordinal);

    /// <param name="needOf">What a transfer line needs of its extractor, as a key: lines with one key share one extractor.</param>
    /// <param name="load">Loads the extractor a transfer line needs, with what identifies its weights.</param>
    /// <param name="device">The device models are loaded on (null: the CPU).</param>
    public JobStylizers(Func<StyleJob, string> needOf, Func<StyleJob, (IFeatureExtractor Extractor, string Identity)> load, torch.Device? device)
    {
        _needOf = needOf;
        _load = load;
        _device = device;
    }

    /// <summary>A job per line, its stylizer made (or shared); a line whose stylizer cannot be made is a problem with its number.</summary>
    public (IReadOnlyList<BatchJob> Jobs, IReadOnlyList<BatchProblem> Problems) JobsFor(IReadOnlyList<ManifestLine> lines)
    {
        var jobs = new List<BatchJob>(lines.Count);
        var problems = new List<BatchProblem>();
        foreach (ManifestLine line in lines)
        {
            try
            {
                IStylizer stylizer = line.Transfer is StyleJob transfer ? Transfer(transfer) : Model(line.Model!, line.Options!);
                jobs.Add(new BatchJob { Line = line.Number, Content = line.Content, Output = line.Output, Stylizer = stylizer });
            }
            catch (StyleTransferConfigurationException e)
            {
                problems.AddRange(e.Problems.Select(p => new BatchProblem(line.Number, p.ToString(ManifestReader.Suggest, ", "), p.Setting)));
            }
            catch (Exception e) when (line.Model is not null && e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidWeightsException)
            {
                problems.Add(new BatchProblem(line.Number, $"the model '{line.Model}' cannot be used: {e.Message}"));
            }
        }

        return (jobs, problems);
    }

    /// <summary>The transfer of <paramref name="job"/>'s styles and settings.</summary>
    /// <exception cref="StyleTransferConfigurationException">A setting or style is invalid.</exception>
    private IStylizer Transfer(StyleJob job)
    {
        string need = _needOf(job);
        string key = "transfer|" + need + "|" + JsonSerializer.Serialize(new { job.Settings, Styles = job.Styles.Select(s => new { s.Source.FilePath, s.Weight, Mask = s.Mask?.FilePath }) }, KeyJson);
        if (!_stylizers.TryGetValue(key, out IStylizer? stylizer))
        {
            if (!_extractors.TryGetValue(need, out (IFeatureExtractor Extractor, string Identity) extractor))
            {
                extractor = _load(job);
                _extractors[need] = extractor;
            }

            stylizer = job.BuildStylizer(extractor.Extractor, extractor.Identity);
            _stylizers[key] = stylizer;
        }

        return stylizer;
    }

    /// <summary>The model <paramref name="model"/> (a built-in style's name or a model file) with <paramref name="options"/>.</summary>
    /// <exception cref="InvalidDataException">The model cannot be loaded (the message says why).</exception>
    /// <exception cref="StyleTransferConfigurationException">An option is invalid.</exception>
    private IStylizer Model(string model, StylizeOptions options)
    {
        string name = BuiltInStyles.TryParse(model, out BuiltInStyle style) ? BuiltInStyles.NameOf(style) : OutputGuard.Canonical(model);
        string key = "model|" + name + "|" + JsonSerializer.Serialize(options, KeyJson);
        if (!_stylizers.TryGetValue(key, out IStylizer? stylizer))
        {
            if (!_models.TryGetValue(name, out FastStyleModel? loaded))
            {
                loaded = BuiltInStyles.LoadModel(name, _device);
                _models[name] = loaded;
            }

            stylizer = loaded.AsStylizer(options);
            _stylizers[key] = stylizer;
        }

        return stylizer;
    }

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
