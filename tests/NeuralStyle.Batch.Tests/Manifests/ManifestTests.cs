using System.Text;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;

namespace NeuralStyle.Batch.Tests.Manifests;

/// <summary>The JSONL format on its own: entries with resolved paths and their settings, every bad line named.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-manifest-").FullName;

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_folder, "jobs.jsonl");
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    [Fact]
    public void Entries_have_full_paths_their_model_as_written_and_their_settings_in_order()
    {
        string path = Write(
            "{\"content\": \"photos/a.jpg\", \"style\": [\"p1.jpg\", \"p2.jpg\"], \"output\": \"out/a.png\", \"size\": 512, \"style-blend\": [0.7, 0.3], \"seed\": null}",
            "",
            "{\"model\": \"the-scream\", \"content\": \"/data/b.jpg\", \"output\": \"out/b.webp\", \"strength\": 0.5}");
        (IReadOnlyList<ManifestEntry> entries, IReadOnlyList<BatchProblem> problems) = Manifest.Read(path);

        Assert.Empty(problems);
        Assert.Equal([1, 3], entries.Select(e => e.Line));
        Assert.Equal(Path.Combine(_folder, "photos", "a.jpg"), entries[0].Content);
        Assert.Equal([Path.Combine(_folder, "p1.jpg"), Path.Combine(_folder, "p2.jpg")], entries[0].Styles);
        Assert.Null(entries[0].Model);
        Assert.Equal(["size", "style-blend"], entries[0].Settings.Select(s => s.Key));
        Assert.Equal("the-scream", entries[1].Model);
        Assert.Equal("/data/b.jpg", entries[1].Content);
        Assert.Equal(0.5, entries[1].Settings.Single().Value.GetDouble());
    }

    [Fact]
    public void Every_bad_line_is_named_and_the_good_ones_kept()
    {
        string path = Write(
            "{\"content\": \"a.jpg\", \"model\": \"m.safetensors\", \"output\": \"a.png\"}",
            "{\"content\": \"a.jpg\", \"output\": \"b.png\"}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"model\": \"m.safetensors\", \"output\": \"c.png\"}",
            "[1, 2]",
            "{oops",
            "{\"content\": 3, \"style\": [], \"output\": \"d.png\"}",
            "{\"content\": \"a.jpg\", \"style\": \"\\ud800\", \"output\": \"e.png\"}",
            new string(' ', Manifest.MaxLineLength + 1));
        (IReadOnlyList<ManifestEntry> entries, IReadOnlyList<BatchProblem> problems) = Manifest.Read(path);

        Assert.Equal([1], entries.Select(e => e.Line));
        (int Line, string What)[] expected =
        [
            (2, "give \"style\""), (3, "not both"), (4, "a job is a JSON object"), (5, "not valid JSON"), (6, "\"content\" must be a non-empty path string"),
            (6, "\"style\" must be a path or a non-empty array of paths"), (7, "lone surrogate"), (8, $"longer than {Manifest.MaxLineLength} bytes"),
        ];
        Assert.All(expected, e => Assert.Contains(problems, p => p.Line == e.Line && p.Message.Contains(e.What, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, problems.Count);
    }

    [Fact]
    public void A_line_that_is_not_UTF8_is_named_a_UTF16_file_refused_and_an_empty_one_has_no_jobs()
    {
        string path = Path.Combine(_folder, "latin1.jsonl");
        File.WriteAllBytes(path, [.. "{\"content\": \"caf"u8, 0xE9, .. ".jpg\", \"model\": \"m\", \"output\": \"o.png\"}"u8]);
        BatchProblem latin1 = Assert.Single(Manifest.Read(path).Problems);
        Assert.Contains("not valid UTF-8 (byte 17 is 0xE9)", latin1.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "{\"content\": \"a.jpg\", \"model\": \"m\", \"output\": \"o.png\"}", Encoding.Unicode);
        Assert.Contains("UTF-16", Assert.Throws<InvalidDataException>(() => Manifest.Read(path)).Message, StringComparison.Ordinal);

        File.WriteAllText(path, "\n\n");
        Assert.Contains("has no jobs", Assert.Throws<BatchValidationException>(() => Manifest.Read(path)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
