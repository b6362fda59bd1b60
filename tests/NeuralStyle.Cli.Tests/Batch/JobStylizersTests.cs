using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.Cli.Batch;
using NeuralStyle.Vgg;
using NeuralStyle.Vgg.Tests;

namespace NeuralStyle.Cli.Tests.Batch;

/// <summary>A manifest's stylizers: each made once, and one extractor per distinct preprocessing its lines' presets need.</summary>
public sealed class JobStylizersTests : IDisposable
{
    private readonly WorkDirectory _work = new();

    [Fact]
    public void A_keras_line_gets_vgg19_with_caffe_input_beside_default_lines_and_equal_lines_share_a_stylizer()
    {
        string manifest = _work.File("jobs.jsonl");
        File.WriteAllLines(manifest,
        [
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\", \"preset\": \"keras\", \"size\": 32}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/b.png\", \"size\": 32}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/c.png\", \"preset\": \"keras\", \"size\": 32}",
            "{\"content\": \"content.png\", \"model\": \"the-scream\", \"output\": \"out/d.png\"}",
            "{\"content\": \"content.png\", \"model\": \"the-scream\", \"output\": \"out/e.png\", \"strength\": 0.5}",
        ]);
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> bad) = new ManifestReader().Read(manifest);
        Assert.Empty(bad);
        var loaded = new List<Vgg19Preprocessing>();
        using var stylizers = new JobStylizers(
            line => BackboneFactory.NeedOf(Backbone.Vgg19, line.Settings, null),
            line =>
            {
                Vgg19Options options = BackboneFactory.Vgg19OptionsFor(line.Settings, null);
                loaded.Add(options.Preprocessing);
                using Features.Authoring.StateDictionary state = PrngVgg19.StateDict();
                return (Vgg19FeatureExtractor.FromStateDict(state, options), "VGG19 (seeded)");
            },
            device: null);

        (IReadOnlyList<BatchJob> jobs, IReadOnlyList<BatchProblem> problems) = stylizers.JobsFor(lines);

        Assert.Empty(problems);
        Assert.Equal([Vgg19Preprocessing.Caffe, Vgg19Preprocessing.Torchvision], loaded);
        Assert.Same(jobs[0].Stylizer, jobs[2].Stylizer);
        Assert.NotSame(jobs[0].Stylizer, jobs[1].Stylizer);
        Assert.NotSame(jobs[3].Stylizer, jobs[4].Stylizer);
        Assert.NotEqual(jobs[3].Stylizer.Identity, jobs[4].Stylizer.Identity);
    }

    [Fact]
    public void A_problem_suggests_values_as_manifest_keys()
    {
        string manifest = _work.File("suggest.jsonl");
        File.WriteAllLines(manifest, ["{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\", \"size\": 32, \"normalize-gradients\": true}"]);
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> bad) = new ManifestReader().Read(manifest);
        Assert.Empty(bad);
        using var stylizers = new JobStylizers(
            line => BackboneFactory.NeedOf(Backbone.Vgg19, line.Settings, null),
            line =>
            {
                using Features.Authoring.StateDictionary state = PrngVgg19.StateDict();
                return (Vgg19FeatureExtractor.FromStateDict(state, BackboneFactory.Vgg19OptionsFor(line.Settings, null)), "VGG19 (seeded)");
            },
            device: null);

        (_, IReadOnlyList<BatchProblem> problems) = stylizers.JobsFor(lines);

        BatchProblem problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.EndsWith("(\"optimizer\": \"adam\")", problem.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
