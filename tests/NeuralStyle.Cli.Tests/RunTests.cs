using System.Text.Json;
using SixLabors.ImageSharp;

namespace NeuralStyle.Cli.Tests;

/// <summary>Whole runs of the command at 72x48 with the embedded ResNet18.</summary>
public sealed class RunTests : IDisposable
{
    private readonly WorkDirectory _work = new();

    [Fact]
    public async Task JsonModeWritesTheImageNumberedSnapshotsAndOneEventPerLine()
    {
        string output = _work.File("styled.png");
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", output, "-s", "72", "-n", "10", "--save-every", "4", "--json", "--threads", "2");

        Assert.True(run.Code == ExitCode.Success, run.Error);
        using (Image image = Image.Load(output))
        {
            Assert.Equal((72, 48), (image.Width, image.Height));
        }

        Assert.True(File.Exists(_work.File("styled.0004.png")));
        Assert.True(File.Exists(_work.File("styled.0008.png")));
        Assert.False(File.Exists(_work.File("styled.0010.png")));

        List<JsonElement> events = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("start", events[0].GetProperty("event").GetString());
        Assert.StartsWith("ResNet18", events[0].GetProperty("backbone").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, events.Count(e => e.GetProperty("event").GetString() == "progress"));
        Assert.Equal([4, 8], events.Where(e => e.GetProperty("event").GetString() == "snapshot").Select(e => e.GetProperty("evaluation").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 10), events.Where(e => e.GetProperty("event").GetString() == "progress").Select(e => e.GetProperty("evaluation").GetInt32()));
        Assert.Equal(10, events[0].GetProperty("evaluations").GetInt32());
        JsonElement done = events[^1];
        Assert.Equal("done", done.GetProperty("event").GetString());
        Assert.Equal(output, done.GetProperty("output").GetString());
        Assert.True(done.GetProperty("finalLoss").GetDouble() < done.GetProperty("initialLoss").GetDouble());
    }

    /// <summary>The content is 72x48 (3,456 pixels), the style 64x64 (4,096): a limit between them refuses the style alone.</summary>
    [Theory]
    [InlineData("3000", "content.png")]
    [InlineData("4000", "style.png")]
    public async Task ImageLimitsBoundTheContentAndTheStyleImagesAndNameTheirOption(string maxPixels, string refused)
    {
        string output = _work.File("limited.png");
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", output, "-s", "64", "-n", "2", "--max-pixels", maxPixels);

        Assert.NotEqual(ExitCode.Success, run.Code);
        Assert.Contains($"{refused}' declares", run.Error, StringComparison.Ordinal);
        Assert.Contains($"more than the limit of {maxPixels}", run.Error, StringComparison.Ordinal);
        Assert.Contains("ImageLoadOptions.MaxPixels (--max-pixels)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task ApplyBoundsItsPhotosByTheImageLimits()
    {
        string output = _work.File("applied.png");
        CliRun run = await CliRun.RunAsync("apply", "starry-night", _work.Content, "-o", output, "--max-pixels", "3000");

        Assert.NotEqual(ExitCode.Success, run.Code);
        Assert.Contains("more than the limit of 3000", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task PlainModePrintsProgressLinesAndQuietModePrintsNothing()
    {
        CliRun plain = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("plain.jpg"), "-s", "64", "-n", "10");
        Assert.True(plain.Code == ExitCode.Success, plain.Error);
        Assert.Contains("Styling", plain.Out, StringComparison.Ordinal);
        Assert.Contains("10/10", plain.Out, StringComparison.Ordinal);
        Assert.Contains("Wrote", plain.Out, StringComparison.Ordinal);

        CliRun quiet = await CliRun.RunAsync(_work.Content, _work.Style, _work.Style, "-o", _work.File("quiet.webp"), "-s", "64", "-n", "3", "-q", "--style-blend", "2", "1");
        Assert.True(quiet.Code == ExitCode.Success, quiet.Error);
        Assert.Equal(string.Empty, quiet.Out);
        Assert.True(File.Exists(_work.File("quiet.webp")));
    }

    [Fact]
    public async Task AnExistingOutputIsKeptUnlessOverwriteIsGiven()
    {
        string output = _work.File("exists.png");
        await File.WriteAllBytesAsync(output, [7, 7, 7]);

        CliRun refused = await CliRun.RunAsync(_work.Content, _work.Style, "-o", output, "-s", "64", "-n", "2");
        Assert.Equal(ExitCode.InvalidInput, refused.Code);
        Assert.Contains("--overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Equal([7, 7, 7], await File.ReadAllBytesAsync(output));

        CliRun replaced = await CliRun.RunAsync(_work.Content, _work.Style, "-o", output, "-s", "64", "-n", "2", "--overwrite");
        Assert.True(replaced.Code == ExitCode.Success, replaced.Error);
        using Image image = Image.Load(output);
        Assert.Equal(64, image.Width);
    }

    [Fact]
    public async Task ColourPreservationAndGrayInitAreAccepted()
    {
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("colors.png"), "-s", "64", "-n", "3", "--preserve-colors", "--init", "gray", "-q");
        Assert.True(run.Code == ExitCode.Success, run.Error);
        Assert.True(File.Exists(_work.File("colors.png")));
    }

    [Fact]
    public async Task FeatureFlagsReachTheRun()
    {
        string mask = _work.File("mask.png");
        using (var white = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.L8>(16, 16, new SixLabors.ImageSharp.PixelFormats.L8(255)))
        {
            await white.SaveAsPngAsync(mask);
        }

        CliRun run = await CliRun.RunAsync(
            _work.Content, _work.Style, "-o", _work.File("features.png"), "-s", "96", "-n", "2", "--json",
            "--multi-scale", "--min-size", "68", "--scale-iterations", "1", "--style-scale", "0.75", "--style-mask", mask,
            "--style-loss", "wasserstein", "--color-match", "--optimizer", "adam", "--normalize-gradients", "--average-decay", "0.5", "--strength", "0.7",
            "--tile-size", "64", "--tile-halo", "32");
        Assert.True(run.Code == ExitCode.Success, run.Error);
        string[] progress = run.Out.Trim().Split('\n').Where(l => l.Contains("\"progress\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, progress.Length);
        using Image image = Image.Load(_work.File("features.png"));
        Assert.Equal(96, image.Width);
    }

    [Fact]
    public async Task AMissingContentImageIsAnInputError()
    {
        CliRun run = await CliRun.RunAsync(_work.File("missing.jpg"), _work.Style, "-o", _work.File("out.png"));
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        Assert.Contains("missing.jpg", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out.png")));
    }

    [Fact]
    public async Task ACorruptStyleImageIsAnInputErrorInJsonToo()
    {
        string corrupt = _work.File("corrupt.png");
        await File.WriteAllBytesAsync(corrupt, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        CliRun run = await CliRun.RunAsync(_work.Content, corrupt, "-o", _work.File("out.png"), "--json");
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        JsonElement error = JsonDocument.Parse(run.Out.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal(3, error.GetProperty("exitCode").GetInt32());
        Assert.Contains("corrupt.png", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingVggWeightsFileSaysHowToGetIt()
    {
        string? before = Environment.GetEnvironmentVariable("NEURALSTYLE_CACHE_DIR");
        try
        {
            Environment.SetEnvironmentVariable("NEURALSTYLE_CACHE_DIR", _work.File("cache"));
            CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("out.png"), "--backbone", "vgg19");
            Assert.Equal(ExitCode.InvalidInput, run.Code);
            Assert.Contains("neural-style weights download vgg19", run.Error, StringComparison.Ordinal);

            CliRun path = await CliRun.RunAsync("weights", "path", "vgg19");
            Assert.Equal(ExitCode.InvalidInput, path.Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NEURALSTYLE_CACHE_DIR", before);
        }
    }

    [Fact]
    public async Task CancellationExitsWith130AndWritesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        CliRun run = await CliRun.RunAsync(cancellation.Token, _work.Content, _work.Style, "-o", _work.File("cancelled.png"), "-s", "64");
        Assert.Equal(ExitCode.Cancelled, run.Code);
        Assert.False(File.Exists(_work.File("cancelled.png")));
    }

    [Fact]
    public async Task ADivergingRunExitsWith4()
    {
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("nan.png"), "-s", "64", "-n", "20", "--optimizer", "sgd", "--lr", "1e38");
        Assert.Equal(ExitCode.Diverged, run.Code);
        Assert.False(File.Exists(_work.File("nan.png")));
    }

    [Theory]
    [InlineData("content", false)]
    [InlineData("content", true)]
    [InlineData("style", true)]
    [InlineData("mask", true)]
    public async Task AnOutputThatNamesAnInputIsRefusedAndTheInputIsKept(string input, bool overwrite)
    {
        string mask = _work.File("mask.png");
        File.Copy(_work.Content, mask, overwrite: true);
        string target = input switch { "content" => _work.Content, "style" => _work.Style, _ => mask };
        string sameFile = Path.Combine(_work.Path, "elsewhere", "..", Path.GetFileName(target));
        byte[] before = await File.ReadAllBytesAsync(target);
        string[] files = Directory.GetFiles(_work.Path);

        CliRun run = await CliRun.RunAsync(
            [_work.Content, _work.Style, "-o", sameFile, "-s", "64", "-n", "2", "--style-mask", mask, .. overwrite ? ["--overwrite"] : Array.Empty<string>()]);

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains($"The output '{sameFile}' is the {(input == "mask" ? "style mask" : input + " image")} '{target}'", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(target));
        Assert.Equal(files, Directory.GetFiles(_work.Path));
    }

    [Fact]
    public async Task SnapshotsThatWouldOverwriteAnInputAreRefused()
    {
        string style = _work.File("styled.0002.png");
        File.Copy(_work.Style, style, overwrite: true);
        byte[] before = await File.ReadAllBytesAsync(style);

        CliRun run = await CliRun.RunAsync(_work.Content, style, "-o", _work.File("styled.png"), "-s", "64", "-n", "4", "--save-every", "2", "--overwrite");

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("--save-every would write snapshots named like the style image", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(style));
        Assert.False(File.Exists(_work.File("styled.png")));
    }

    [Fact]
    public async Task AnEarlierRunsSnapshotIsRefusedBeforeAnyWorkUnlessOverwriting()
    {
        string output = _work.File("again.png");
        string earlier = _work.File("again.0004.png");
        File.Copy(_work.Style, earlier, overwrite: true);
        byte[] before = await File.ReadAllBytesAsync(earlier);

        CliRun refused = await CliRun.RunAsync(_work.Content, _work.Style, "-o", output, "-s", "64", "-n", "4", "--save-every", "2");
        Assert.Equal(ExitCode.InvalidInput, refused.Code);
        Assert.Contains($"'{earlier}' already exists, a snapshot --save-every would replace", refused.Error, StringComparison.Ordinal);
        Assert.Contains("or allow overwriting them (--overwrite).", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(earlier));
        Assert.False(File.Exists(_work.File("again.0002.png")));

        CliRun replaced = await CliRun.RunAsync(_work.Content, _work.Style, "-o", output, "-s", "64", "-n", "4", "--save-every", "2", "--overwrite", "--threads", "2");
        Assert.True(replaced.Code == ExitCode.Success, replaced.Error);
        Assert.NotEqual(before, await File.ReadAllBytesAsync(earlier));

        // A file named like a snapshot this cadence never writes (3 is no multiple of 2) is no obstacle, and stays.
        string unrelated = _work.File("other.0003.png");
        File.Copy(_work.Style, unrelated, overwrite: true);
        CliRun beside = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("other.png"), "-s", "64", "-n", "4", "--save-every", "2", "--threads", "2");
        Assert.True(beside.Code == ExitCode.Success, beside.Error);
        Assert.Equal(before, await File.ReadAllBytesAsync(unrelated));
    }

    [Fact]
    public async Task AnImageTooThinForTheNetworkIsAnInputErrorWithAPlainMessage()
    {
        string strip = _work.File("strip.png");
        using (var image = new Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(4000, 4))
        {
            await image.SaveAsPngAsync(strip);
        }

        CliRun run = await CliRun.RunAsync(strip, _work.Style, "-o", _work.File("out.png"), "-n", "2");

        Assert.Equal(ExitCode.InvalidInput, run.Code);
        Assert.Contains($"The photo '{strip}' cannot be stylised: The image given (4000x4) would be 512x1 px here, but ResNet18 needs at least 32 px on each side", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out.png")));
    }

    [Fact]
    public async Task MultiScaleProgressLinesComeEveryTenthOfTheWholeRun()
    {
        // 96 px from 48 px: scales of 48, 68 and 96 px, 10 evaluations each, 30 in all: a line every 3.
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("ladder.png"), "-s", "96", "-n", "10", "--multi-scale", "--min-size", "48");

        Assert.True(run.Code == ExitCode.Success, run.Error);
        string[] lines = run.Out.Split('\n').Where(l => l.Contains("/30  loss", StringComparison.Ordinal)).ToArray();
        Assert.Equal(10, lines.Length);
        Assert.Contains("30/30", lines[^1], StringComparison.Ordinal);
        Assert.Contains("10 evaluations at the output scale, coarse to fine", run.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
