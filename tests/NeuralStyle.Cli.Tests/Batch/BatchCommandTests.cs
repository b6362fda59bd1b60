using System.Diagnostics;
using System.Text.Json;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.Cli.Tests.Batch;

/// <summary>
/// <c>neural-style batch</c>: bad manifest lines, a child process killed mid-batch then rerun, two
/// shard processes over one manifest, and the shard taken from a job engine's variables.
/// </summary>
public sealed class BatchCommandTests : IDisposable
{
    private const int Jobs = 10;
    private readonly WorkDirectory _work = new();

    /// <summary>
    /// A manifest of <see cref="Jobs"/> fast-style jobs (a 2-step quarter-width model, 256 px outputs in 64 px
    /// tiles): a few tenths of a second each, so a kill after one job's event lands while the next runs.
    /// </summary>
    private async Task<string> ManifestAsync()
    {
        string photos = _work.File("photos");
        Directory.CreateDirectory(photos);
        for (int i = 0; i < 3; i++)
        {
            using Image photo = TestImages.Photo(64 + (8 * i), 48);
            photo.SaveAsPng(Path.Combine(photos, $"p{i}.png"));
        }

        CliRun train = await CliRun.RunAsync(
            "train", _work.Style, "--images", photos, "-o", _work.File("model.safetensors"), "--crop-size", "32", "--steps", "2", "--batch", "1", "--width", "0.25", "--blocks", "1");
        Assert.True(train.Code == ExitCode.Success, train.Error);
        string manifest = _work.File("jobs.jsonl");
        File.WriteAllLines(manifest, Enumerable.Range(0, Jobs).Select(i =>
            $"{{\"content\": \"photos/p{i % 3}.png\", \"model\": \"model.safetensors\", \"output\": \"out/r{i}.png\", \"size\": 256, \"max-upscale\": 4, \"max-tile-size\": 64, \"strength\": {1 - (i * 0.05):0.00}}}"));
        return manifest;
    }

    private string Output(int i) => _work.File($"out/r{i}.png");

    /// <summary>A manifest of one tiny transfer, content.png in style.png's style, to out/a.png.</summary>
    private string OneTransferLine()
    {
        string manifest = _work.File("one.jsonl");
        File.WriteAllText(manifest, "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\", \"size\": 32, \"iterations\": 2}\n");
        return manifest;
    }

    [Fact]
    public async Task Bad_lines_are_all_reported_with_their_numbers_and_nothing_runs()
    {
        string manifest = _work.File("bad.jsonl");
        File.WriteAllLines(manifest,
        [
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\", \"size\": 32, \"iterations\": 2}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/b.png\", \"colour\": 1}",
            "{\"content\": \"content.png\", \"output\": \"out/c.png\"}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\"}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/d.png\", \"iterations\": 0}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/e.png\", \"backbone\": \"vgg19\"}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"style.png\"}",
            "{oops",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/f.png\", \"size\": \"abc\"}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/g.png\", \"size\": null, \"model\": null, \"iterations\": 2}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/h.png\", \"preserve-colors\": \"maybe\"}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/i.png\", \"style-blend\": [\"x\"]}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/j.png\", \"save-every\": 10}",
            "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/k.png\", \"shards\": 2}",
        ]);
        CliRun run = await CliRun.RunAsync("batch", manifest);
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        foreach ((int line, string what) in new[]
        {
            (2, "unknown setting \"colour\""), (3, "\"style\""), (4, "also line 1's output"), (5, "--iterations"), (6, "--backbone"), (7, "style image"), (8, "not valid JSON"),
            (9, "\"size\" must be a whole number (got \"abc\")"), (11, "\"preserve-colors\" is a flag"), (12, "\"style-blend\" must be a number such as 0.5 or an array of them"),
            (13, "\"save-every\" is for a single run"), (14, "\"shards\" is set once for the whole batch"),
        })
        {
            Assert.True(run.Error.Split('\n').Any(l => l.Contains($"line {line}:", StringComparison.Ordinal) && l.Contains(what, StringComparison.Ordinal)), $"line {line}: {what}\n{run.Error}");
        }

        Assert.DoesNotContain("line 1:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 10:", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.File("out")));
    }

    [Fact]
    public async Task A_shard_problem_names_the_settings_with_their_options()
    {
        CliRun run = await CliRun.RunAsync("batch", OneTransferLine(), "--shard", "1/4", "--shards", "8");
        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("explicitShard (--shard) 1/4 and shardCount (--shards) 8 disagree: give one of them.", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.File("out")));
    }

    [Fact]
    public async Task Image_limits_given_on_the_command_line_bound_every_photo_and_bad_ones_name_their_option()
    {
        string manifest = OneTransferLine();
        CliRun refused = await CliRun.RunAsync("batch", manifest, "--max-pixels", "0");
        Assert.Equal(ExitCode.Usage, refused.Code);
        const string Problem = "--max-pixels: ImageLoadOptions.MaxPixels must be a whole number of at least 1 (got 0).";
        Assert.Contains(Problem, refused.Error, StringComparison.Ordinal);
        Assert.Equal(refused.Error.IndexOf(Problem, StringComparison.Ordinal), refused.Error.LastIndexOf(Problem, StringComparison.Ordinal));

        CliRun tooLarge = await CliRun.RunAsync("batch", manifest, "--max-pixels", "100");
        Assert.Equal(ExitCode.JobsFailed, tooLarge.Code);
        Assert.Contains("pixels", tooLarge.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out/a.png")));
    }

    [Fact]
    public async Task A_line_that_is_not_UTF8_is_named_not_reported_missing()
    {
        string manifest = _work.File("latin1.jsonl");
        File.WriteAllBytes(manifest,
        [
            .. "{\"content\": \"content.png\", \"style\": \"style.png\", \"output\": \"out/a.png\"}\n"u8,
            .. "{\"content\": \"caf"u8, 0xE9, .. ".png\", \"style\": \"style.png\", \"output\": \"out/b.png\"}\n"u8,
            .. "{\"content\": \"\\ud800.png\", \"style\": \"style.png\", \"output\": \"out/c.png\"}\n"u8,
        ]);
        CliRun run = await CliRun.RunAsync("batch", manifest);
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        Assert.Contains("line 2: the line is not valid UTF-8 (byte 17 is 0xE9)", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: a string has a \\u escape that is no Unicode text", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_whose_output_is_the_manifest_is_refused_and_the_manifest_kept()
    {
        string manifest = _work.File("self.jsonl");
        File.WriteAllText(manifest, "{\"content\": \"content.png\", \"model\": \"shipwreck\", \"output\": \"self.jsonl\"}\n");
        byte[] before = File.ReadAllBytes(manifest);
        CliRun run = await CliRun.RunAsync("batch", manifest, "--overwrite");
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        Assert.Contains("line 1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("inputs are never overwritten", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(manifest));

        CliRun folder = await CliRun.RunAsync("batch", _work.Path);
        Assert.Equal(ExitCode.InvalidInput, folder.Code);
        Assert.Contains("is a folder, not a file", folder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_not_written_by_a_batch_is_kept_and_the_failure_names_the_option_that_allows_replacing_it()
    {
        string manifest = _work.File("one.jsonl");
        File.WriteAllText(manifest, "{\"content\": \"content.png\", \"model\": \"shipwreck\", \"output\": \"mine.png\", \"size\": 32}\n");
        File.WriteAllText(_work.File("mine.png"), "mine");
        CliRun run = await CliRun.RunAsync("batch", manifest);
        Assert.NotEqual(ExitCode.Success, run.Code);
        Assert.Contains("exists and was not written by a batch: move it, or allow overwriting it (--overwrite).", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("BatchOptions", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(_work.File("mine.png")));
    }

    [Fact]
    public async Task A_batch_killed_again_and_again_finishes_with_every_output_once()
    {
        string manifest = await ManifestAsync();
        var doneBy = new List<(int Run, string Output)>();
        int kills = 0;
        for (int run = 0; run < 3; run++)
        {
            // Kill after one more job is done than before, while the next is running.
            int target = doneBy.Count + 1 + run;
            using Process child = Start(manifest, []);
            int done = 0;
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                (string? state, string? output) = JobEvent(line);
                if (state == "done")
                {
                    doneBy.Add((run, output!));
                    if (++done == target - doneBy.Count(d => d.Run < run))
                    {
                        child.Kill(entireProcessTree: true);
                        kills++;
                        break;
                    }
                }
            }

            await child.WaitForExitAsync();
            if (done < 1 + run)
            {
                Assert.Fail($"run {run} ended by itself (exit {child.ExitCode}) after {done} jobs: {await child.StandardError.ReadToEndAsync()}");
            }
        }

        Assert.Equal(3, kills);
        using (Process final = Start(manifest, []))
        {
            string text = await final.StandardOutput.ReadToEndAsync();
            await final.WaitForExitAsync();
            Assert.True(final.ExitCode == 0, text + await final.StandardError.ReadToEndAsync());
            string[][] events = text.Split('\n').Select(JobEvent).Where(e => e.State is "done" or "skipped").Select(e => new[] { e.State!, e.Output! }).ToArray();
            doneBy.AddRange(events.Where(e => e[0] == "done").Select(e => (3, e[1])));
            Assert.All(doneBy.Where(d => d.Run < 3), d => Assert.Contains(events, e => e[0] == "skipped" && e[1] == d.Output));

            // A kill can land after an output is in place but before its event is printed: that job is skipped now, never redone.
            string[] unseen = Enumerable.Range(0, Jobs).Select(Output).Except(doneBy.Select(d => d.Output)).ToArray();
            Assert.All(unseen, o => Assert.Contains(events, e => e[0] == "skipped" && e[1] == o));
        }

        // Every output once: written by at most one run, none partial, no temporary file left.
        Assert.Equal(doneBy.Count, doneBy.Select(d => d.Output).Distinct().Count());
        for (int i = 0; i < Jobs; i++)
        {
            using Image image = Image.Load(Output(i));
            Assert.Equal(256, image.Width);
        }

        Assert.Empty(Directory.EnumerateFiles(_work.File("out"), "*.tmp"));
    }

    [Fact]
    public async Task Two_shard_processes_over_one_manifest_cover_it_with_no_overlap()
    {
        string manifest = await ManifestAsync();
        using Process first = Start(manifest, ["--shard", "0/2"]);
        using Process second = Start(manifest, [], ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "2"));
        Task<string> a = first.StandardOutput.ReadToEndAsync(), b = second.StandardOutput.ReadToEndAsync();
        await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());
        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        string[] byFirst = Done(await a), bySecond = Done(await b);
        Assert.Empty(byFirst.Intersect(bySecond));
        Assert.Equal(Enumerable.Range(0, Jobs).Select(Output).Order(), byFirst.Concat(bySecond).Order());
        Assert.Equal(Enumerable.Range(0, Jobs).Where(i => i % 2 == 0).Select(Output), byFirst);
        Assert.Contains("SLURM_ARRAY_TASK_ID=1", await b, StringComparison.Ordinal);
    }

    private static string[] Done(string events) => events.Split('\n').Select(JobEvent).Where(e => e.State == "done").Select(e => e.Output!).ToArray();

    private static (string? State, string? Output) JobEvent(string line)
    {
        if (!line.StartsWith("{\"event\":\"job\"", StringComparison.Ordinal))
        {
            return (null, null);
        }

        using JsonDocument json = JsonDocument.Parse(line);
        return (json.RootElement.GetProperty("state").GetString(), json.RootElement.GetProperty("output").GetString());
    }

    /// <summary>The built command in a child process (so it can be killed), with <c>--json</c>, one thread, and only the given engine variables.</summary>
    private static Process Start(string manifest, string[] args, params (string Name, string Value)[] environment)
    {
        (string, string?)[] engines = new[] { "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE" }
            .Select(name => (name, (string?)null))
            .ToArray();
        return CliChild.Start(
            new[] { "batch", manifest, "--json", "--threads", "1" }.Concat(args),
            [.. engines, .. environment.Select(e => (e.Name, (string?)e.Value))]);
    }

    public void Dispose() => _work.Dispose();
}
