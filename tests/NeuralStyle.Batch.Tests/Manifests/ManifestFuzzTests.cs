using System.Text;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Testing;
using Xunit.Abstractions;

namespace NeuralStyle.Batch.Tests.Manifests;

/// <summary>
/// Bounded fuzzing of the manifest reader: a manifest with every kind of line, mutated with fixed
/// seeds; each mutant is read into lines (settings bound) and per-line problems, or refused as a
/// whole with a typed error, and no case allocates more than a bound.
/// </summary>
public sealed class ManifestFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 400;
    private readonly BatchFolder _folder = new(photos: 0);

    [Fact]
    public void Mutated_manifests_give_jobs_and_line_problems_or_a_typed_error()
    {
        byte[] original = Encoding.UTF8.GetBytes(string.Join('\n',
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\", \"size\": 64, \"iterations\": 5}",
            "{\"content\": \"content.png\", \"style\": [\"style.png\", \"style.png\"], \"style-blend\": [0.3, 0.7], \"style-mask\": [\"m1.png\", \"m2.png\"], \"output\": \"out/b.png\", \"preserve-colors\": true}",
            "{\"content\": \"content.png\", \"model\": \"starry-night\", \"output\": \"out/c.png\", \"strength\": 0.5, \"size\": 48, \"max-tile-size\": 64}",
            "{\"content\": \"content.png\", \"model\": \"model.safetensors\", \"output\": \"out/d.jpg\", \"max-upscale\": 2, \"memory-limit\": 256}",
            "",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/e.webp\", \"preset\": \"keras\", \"optimizer\": \"adam\", \"seed\": 3}"));
        string manifest = _folder.File("fuzz.jsonl");
        var outcomes = new FuzzOutcomes();
        for (int seed = 0; seed < Cases; seed++)
        {
            File.WriteAllBytes(manifest, new StructuredMutator(seed).Mutate(original));
            outcomes.Run(seed, () =>
            {
                (IReadOnlyList<ManifestLine> jobs, IReadOnlyList<BatchProblem> problems) = Manifest.Read(manifest, new ManifestReadOptions { BatchLevelKeys = new Dictionary<string, string> { ["shards"] = "pass --shards" } });
                Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
                Assert.True(jobs.Count + problems.Count > 0);
            }, typeof(BatchValidationException), typeof(InvalidDataException));
        }

        Assert.Equal(Cases, outcomes.Count);
        output.WriteLine($"manifests: {outcomes}");
        Assert.True(outcomes.MostAllocated < 64L << 20, outcomes.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
