using System.Text;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Testing;

namespace NeuralStyle.Batch.Tests.Manifests;

/// <summary>The JSONL format: lines with resolved paths and their settings bound, every bad line and setting named.</summary>
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
    public void Lines_have_full_paths_their_settings_bound_and_their_model_as_named()
    {
        string path = Write(
            "{\"content\": \"photos/a.jpg\", \"style\": [\"p1.jpg\", \"p2.jpg\"], \"output\": \"out/a.png\", \"size\": 512, \"style-blend\": [0.7, 0.3], \"style-mask\": [\"m1.png\", \"m2.png\"], \"seed\": null}",
            "",
            "{\"model\": \"The-Scream\", \"content\": \"/data/b.jpg\", \"output\": \"out/b.webp\", \"strength\": 0.5, \"memory-limit\": 256}",
            "{\"model\": \"models/mine.safetensors\", \"content\": \"c.jpg\", \"output\": \"c.png\", \"preset\": null}",
            "{\"style\": \"p1.jpg\", \"content\": \"d.jpg\", \"output\": \"d.png\", \"preset\": \"keras\", \"optimizer\": \"adam\", \"lr\": 2}");
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = Manifest.Read(path);

        Assert.Empty(problems);
        Assert.Equal([1, 3, 4, 5], lines.Select(e => e.Line));
        Assert.Equal(Path.Combine(_folder, "photos", "a.jpg"), lines[0].Content);
        ManifestTransfer transfer = lines[0].Transfer!;
        Assert.Equal([Path.Combine(_folder, "p1.jpg"), Path.Combine(_folder, "p2.jpg")], transfer.Styles.Select(s => s.Source.FilePath));
        Assert.Equal([0.7, 0.3], transfer.Styles.Select(s => s.Weight));
        Assert.Equal([Path.Combine(_folder, "m1.png"), Path.Combine(_folder, "m2.png")], transfer.Styles.Select(s => s.Mask!.FilePath));
        Assert.Equal(StyleTransferSettings.Default.WithImage(i => i with { Size = OutputSize.LongestSide(512) }), transfer.Settings);
        Assert.Null(lines[0].Model);

        Assert.Equal(new ManifestModel("the-scream", StylizeOptions.Default with { Strength = 0.5, MemoryLimitBytes = 256L << 20 }), lines[1].Model);
        Assert.Equal("/data/b.jpg", lines[1].Content);
        Assert.Equal(new ManifestModel(Path.Combine(_folder, "models", "mine.safetensors"), StylizeOptions.Default), lines[2].Model);

        StyleTransferSettings keras = lines[3].Transfer!.Settings;
        Assert.Equal(StylePreset.KerasExample.Settings.Extractor, keras.Extractor);
        Assert.Equal((OptimizerKind.Adam, 2.0), (keras.Optimization.Optimizer.Kind, keras.Optimization.Optimizer.LearningRate));
    }

    [Fact]
    public void A_setting_of_the_wrong_kind_or_combination_is_named_in_the_line_s_terms()
    {
        string path = Write(
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"1.png\", \"size\": \"abc\", \"optimizer\": \"fancy\", \"preserve-colors\": \"maybe\"}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"2.png\", \"preserve-colors\": true, \"color-match\": true, \"min-size\": 64, \"tile-halo\": 8}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"3.png\", \"style-blend\": [0.5, 0.5], \"style-mask\": [\"m1.png\", \"m2.png\"], \"preset\": \"picasso\"}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"4.png\", \"shards\": 2, \"save-every\": 10, \"colour\": 1, \"style-blend\": [\"x\"]}",
            "{\"content\": \"a.jpg\", \"model\": \"m.safetensors\", \"output\": \"5.png\", \"tile-size\": 64, \"memory-limit\": 1, \"strength\": [1]}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"6.png\", \"preserve-colors\": false, \"color-match\": true, \"multi-scale\": true, \"min-size\": 64}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"7.png\", \"size\": 64, \"size\": 96, \"lr\": 1, \"learning-rate\": 2}",
            "{\"content\": \"a.jpg\", \"style\": \"s.jpg\", \"output\": \"8.png\", \"lr\": 1, \"learning-rate\": 2, \"style-mask\": \"m\\u0000.png\", \"preset\": [1]}",
            "{\"content\": \"a\\u0000.jpg\", \"model\": \"m.safetensors\", \"output\": \"9.png\"}",
            "{\"content\": \"a.jpg\", \"model\": \"m\\u0000.safetensors\", \"output\": \"10.png\"}");
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = Manifest.Read(
            path, new ManifestReadOptions { BatchLevelKeys = new Dictionary<string, string> { ["shards"] = "pass --shards instead" } });

        (int Line, string What)[] expected =
        [
            (1, "\"size\" must be a whole number (got \"abc\")."), (1, "\"optimizer\" must be one of lbfgs, adam, sgd (got \"fancy\")."),
            (1, "\"preserve-colors\" is a flag: use true or false (got \"maybe\")."),
            (2, "\"preserve-colors\" and \"color-match\" are two ways to keep the content's colours: choose one."),
            (2, "\"min-size\" and \"scale-iterations\" apply to \"multi-scale\""), (2, "\"tile-halo\" applies to tiled evaluation: add \"tile-size\""),
            (3, "\"style-blend\" has 2 weight(s) for 1 style image(s): give one weight per style image."), (3, "\"style-mask\" has 2 mask(s) for 1 style image(s)"),
            (3, "\"preset\" must be one of default, keras (got \"picasso\")."),
            (4, "\"shards\" is set once for the whole batch: pass --shards instead."), (4, "\"save-every\" is for a single run"),
            (4, "unknown setting \"colour\" for a style transfer: use "), (4, "\"style-blend\" must be a number such as 0.5 or an array of them (got [\"x\"])."),
            (5, "\"tile-size\" is a transfer's tile core; a fast network's largest tile, overlap included, is \"max-tile-size\"."),
            (5, "\"memory-limit\" must be a whole number of at least 64 (got 1)."), (5, "\"strength\" must be a number such as 0.5 (got [1])."),
            (7, "\"size\" is given twice: give each key once."),
            (8, "\"learning-rate\" sets learning-rate, which the line gives already: give it once."), (8, "\"style-mask\" has a NUL character"),
            (8, "\"preset\" must be one of default, keras (got [1])."),
            (9, "\"content\" has a NUL character"), (10, "\"model\" has a NUL character"),
        ];
        Assert.All(expected, e => Assert.Contains(problems, p => p.Line == e.Line && p.Message.Contains(e.What, StringComparison.Ordinal)));
        Assert.Equal(expected.Length, problems.Count);
        ManifestLine good = Assert.Single(lines);
        Assert.Equal((6, ColorPreservation.ColorMatching, 64), (good.Line, good.Transfer!.Settings.Image.ColorPreservation, good.Transfer.Settings.Optimization.MultiScale!.SmallestSide));
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
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = Manifest.Read(path);

        Assert.Equal([1], lines.Select(e => e.Line));
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

    [Fact]
    public void A_file_of_bad_lines_lists_the_first_problems_and_counts_the_rest()
    {
        string path = Write([.. Enumerable.Repeat("x", Manifest.MaxListedProblems + 2500), "{\"content\": \"a.jpg\", \"model\": \"m\", \"output\": \"o.png\"}"]);
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = Manifest.Read(path);

        Assert.Single(lines);
        Assert.Equal(Manifest.MaxListedProblems + 1, problems.Count);
        Assert.Equal(Enumerable.Range(1, Manifest.MaxListedProblems), problems.SkipLast(1).Select(p => p.Line));
        Assert.Equal(Manifest.MaxListedProblems + 1, problems[^1].Line);
        Assert.Contains($"2500 more problem(s) on this line and later ones are not listed (only the first {Manifest.MaxListedProblems} are)", problems[^1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_line_of_the_longest_length_is_read_whole_after_a_byte_order_mark(bool bom)
    {
        string job = "{\"content\": \"a.jpg\", \"model\": \"m\", \"output\": \"o.png\"}";
        string path = Path.Combine(_folder, "long.jsonl");

        // Padded in front: a line cut short would lose its closing brace and read as bad JSON, not pass.
        byte[] longest = Encoding.UTF8.GetBytes(job.PadLeft(Manifest.MaxLineLength));
        File.WriteAllBytes(path, [.. bom ? "\uFEFF"u8.ToArray() : [], .. longest, (byte)'\r', (byte)'\n', .. longest, (byte)' ']);
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = Manifest.Read(path);

        Assert.Equal([1], lines.Select(l => l.Line));
        BatchProblem tooLong = Assert.Single(problems);
        Assert.Equal(2, tooLong.Line);
        Assert.Contains($"longer than {Manifest.MaxLineLength} bytes", tooLong.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task A_device_that_reads_without_end_is_a_manifest_without_jobs_not_a_hang()
    {
        BatchValidationException refused = await Task.Run(() => Assert.Throws<BatchValidationException>(() => Manifest.Read("/dev/zero"))).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("has no jobs", refused.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task A_manifest_from_a_pipe_is_read_to_its_end()
    {
        string fifo = Path.Combine(_folder, "jobs.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
        }

        Task writer = Task.Run(() => File.WriteAllText(fifo, "{\"content\": \"/data/a.jpg\", \"model\": \"shipwreck\", \"output\": \"/out/a.png\"}\n\nx\n"));
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = await Task.Run(() => Manifest.Read(fifo)).WaitAsync(TimeSpan.FromSeconds(30));
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("/data/a.jpg", Assert.Single(lines).Content);
        Assert.Equal(3, Assert.Single(problems).Line);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
