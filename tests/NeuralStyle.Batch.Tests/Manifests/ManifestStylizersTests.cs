using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Vgg;
using NeuralStyle.Vgg.Tests;

namespace NeuralStyle.Batch.Tests.Manifests;

/// <summary>A manifest's stylizers: each made once, and one extractor per distinct preprocessing its lines' presets need.</summary>
public sealed class ManifestStylizersTests : IDisposable
{
    private readonly BatchFolder _folder = new(photos: 2);
    private readonly List<Vgg19Preprocessing> _loaded = [];

    /// <summary>Stylizers whose transfers run on seeded VGG19s, one per preprocessing the settings need (recorded in <see cref="_loaded"/>).</summary>
    private ManifestStylizers Stylizers() => new(
        settings => Vgg19Options.For(settings).Preprocessing.ToString(),
        settings =>
        {
            Vgg19Options options = Vgg19Options.For(settings);
            _loaded.Add(options.Preprocessing);
            using Features.Authoring.StateDictionary state = PrngVgg19.StateDict();
            return (Vgg19FeatureExtractor.FromStateDict(state, options), "VGG19 (seeded)");
        });

    private IReadOnlyList<ManifestLine> Read(params string[] settings)
    {
        string manifest = _folder.File("jobs.jsonl");
        File.WriteAllLines(manifest, settings.Select((s, i) => $"{{\"content\": \"photo0.png\", \"output\": \"out/{i}.png\", {s}}}"));
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> bad) = Manifest.Read(manifest);
        Assert.Empty(bad);
        return lines;
    }

    [Fact]
    public void A_keras_line_gets_vgg19_with_caffe_input_beside_default_lines_and_equal_lines_share_a_stylizer()
    {
        IReadOnlyList<ManifestLine> lines = Read(
            "\"style\": \"photo1.png\", \"preset\": \"keras\", \"size\": 32",
            "\"style\": \"photo1.png\", \"size\": 32",
            "\"style\": \"photo1.png\", \"preset\": \"keras\", \"size\": 32",
            "\"model\": \"the-scream\"",
            "\"model\": \"the-scream\", \"strength\": 0.5");
        using ManifestStylizers stylizers = Stylizers();

        (IReadOnlyList<BatchJob> jobs, IReadOnlyList<BatchProblem> problems) = stylizers.JobsFor(lines);

        Assert.Empty(problems);
        Assert.Equal([Vgg19Preprocessing.Caffe, Vgg19Preprocessing.Torchvision], _loaded);
        Assert.Same(jobs[0].Stylizer, jobs[2].Stylizer);
        Assert.NotSame(jobs[0].Stylizer, jobs[1].Stylizer);
        Assert.NotSame(jobs[3].Stylizer, jobs[4].Stylizer);
        Assert.NotEqual(jobs[3].Stylizer.Identity, jobs[4].Stylizer.Identity);
        Assert.Equal([1, 2, 3, 4, 5], jobs.Select(j => j.Line));
    }

    [Fact]
    public void A_problem_suggests_values_as_manifest_keys_and_a_missing_model_names_its_line()
    {
        IReadOnlyList<ManifestLine> lines = Read(
            "\"style\": \"photo1.png\", \"size\": 32, \"normalize-gradients\": true",
            "\"model\": \"no-such.safetensors\"");
        using ManifestStylizers stylizers = Stylizers();

        (IReadOnlyList<BatchJob> jobs, IReadOnlyList<BatchProblem> problems) = stylizers.JobsFor(lines);

        Assert.Empty(jobs);
        Assert.Equal([1, 2], problems.Select(p => p.Line));
        Assert.EndsWith("(\"optimizer\": \"adam\")", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(Setting.NormalizeGradients, problems[0].Setting);
        Assert.StartsWith($"the model '{_folder.File("no-such.safetensors")}' cannot be used:", problems[1].Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
