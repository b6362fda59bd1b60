using NeuralStyle.Configuration;
using NeuralStyle.Optimization;

namespace NeuralStyle.Cli.Tests;

/// <summary>Bad command lines end with exit code 2 and a message naming the problem, before any work.</summary>
public sealed class ParsingTests : IClassFixture<WorkDirectory>
{
    private readonly WorkDirectory _work;

    public ParsingTests(WorkDirectory work) => _work = work;

    [Theory]
    [InlineData("--output")]
    [InlineData("--size 8", "--size: ImageSettings.Size must be a whole number from 16 to 16384 (got 8).")]
    [InlineData("--size 20000", "--size: ImageSettings.Size must be a whole number from 16 to 16384 (got 20000).")]
    [InlineData("--iterations 0", "--iterations: OptimizationSettings.Evaluations must be a whole number of at least 1 (got 0).")]
    [InlineData("--style-weight -1", "--style-weight: ObjectiveSettings.StyleWeight must be a finite number of at least 0 (got -1). Use 0 to turn the term off.")]
    [InlineData("--lr 0", "--learning-rate: OptimizerSettings.LearningRate must be a finite number greater than 0 (got 0).")]
    [InlineData("--strength 2", "--strength: ObjectiveSettings.StyleStrength must be a finite number from 0 to 1 (got 2). The recommended strength is 0.5")]
    [InlineData("--optimizer adam --lr -1", "--learning-rate: OptimizerSettings.LearningRate must be a finite number greater than 0 (got -1). The default for adam is 0.02.")]
    [InlineData("--style-blend 0.5 0.5", "--style-blend has 2 weight(s) for 1 style image(s)")]
    [InlineData("--quiet --json", "--quiet and --json cannot be combined")]
    [InlineData("--preset picasso", "Unknown preset 'picasso'")]
    [InlineData("--backbone alexnet", "alexnet")]
    [InlineData("--frobnicate", "--frobnicate")]
    [InlineData("--preserve-colors --color-match", "choose one")]
    [InlineData("--style-mask a.png b.png", "--style-mask has 2 mask(s) for 1 style image(s)")]
    [InlineData("--style-loss fancy", "Unknown --style-loss 'fancy': use gram, mean-covariance, wasserstein")]
    [InlineData("--pooling median", "Unknown --pooling 'median'")]
    [InlineData("--init sketch", "Unknown --init 'sketch': use content, style, noise, gray, content-in-style-palette")]
    [InlineData("--init content-in-style-palette --size 8", "--size: ImageSettings.Size must be a whole number from 16 to 16384 (got 8).")]
    [InlineData("--min-size 64", "apply to --multi-scale")]
    [InlineData("--multi-scale --min-size 8", "--min-size: MultiScaleSettings.SmallestSide must be a whole number of at least 32 (got 8).")]
    [InlineData("--tile-halo 16", "--tile-halo applies to tiled evaluation: add --tile-size")]
    [InlineData("--tile-size 16", "--tile-size: TilingSettings.TileSize must be a whole number of at least 64 (got 16).")]
    [InlineData("--size abc", "--size must be a whole number (got 'abc').")]
    [InlineData("--strength 1e", "--strength must be a number such as 0.5 (got '1e').")]
    [InlineData("--save-every -1", "--save-every: RunReporting.SnapshotEvery must be a whole number of at least 0 (got -1).")]
    [InlineData("--output ", "--output is empty")]
    [InlineData("-b vgg19 --weights ", "--weights is empty")]
    [InlineData("--threads 0", "--threads must be between 1 and 1024, got 0.")]
    [InlineData("--threads abc", "--threads must be a whole number between 1 and 1024 (got 'abc').")]
    [InlineData("--style-blend x", "--style-blend")]
    [InlineData("--tile-size abc", "--tile-size must be a whole number (got 'abc').")]
    [InlineData("--min-size x", "--min-size and --scale-iterations apply to --multi-scale")]
    [InlineData("--tile-halo y", "--tile-halo applies to tiled evaluation: add --tile-size")]
    public async Task BadOptionsAreUsageErrors(string extra, string? expected = null)
    {
        string[] output = extra.StartsWith("--output", StringComparison.Ordinal) ? [] : ["-o", _work.File("out.png")];
        string[] args = [_work.Content, _work.Style, .. output, .. extra == "--output" ? [] : extra.Split(' ')];
        CliRun run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains(expected ?? "--output", run.Error, StringComparison.Ordinal);
        Assert.Contains("neural-style --help", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out.png")));
    }

    [Theory]
    [InlineData("--normalize-gradients", "NormalizeGradients needs Adam or SGD")]
    [InlineData("--average-decay 0.9", "applies to Adam only")]
    [InlineData("--style-scale 0", "ImageSettings.StyleScale must be a finite number greater than 0 and at most 8 (got 0)")]
    [InlineData("--pooling average", "--pooling applies to vgg19")]
    public async Task InvalidCombinationsFailBeforeTheRun(string extra, string expected)
    {
        CliRun run = await CliRun.RunAsync([_work.Content, _work.Style, "-o", _work.File("out.png"), .. extra.Split(' ')]);

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out.png")));
    }

    [Fact]
    public async Task NoStyleImageIsAUsageError()
    {
        CliRun run = await CliRun.RunAsync(_work.Content, "-o", _work.File("out.png"));
        Assert.Equal(ExitCode.Usage, run.Code);
    }

    [Fact]
    public async Task HelpListsTheOptionsAndSucceeds()
    {
        CliRun run = await CliRun.RunAsync("--help");
        Assert.Equal(ExitCode.Success, run.Code);
        foreach (string option in new[] { "--size", "--backbone", "--weights", "--preset", "--iterations", "--style-blend", "--save-every", "--threads", "--json", "weights" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APathThatIsNotUtf8IsNamedNotReportedMissing()
    {
        // What .NET makes of the bytes "caf\xE9.png" in the arguments on Unix.
        CliRun run = await CliRun.RunAsync(_work.File("caf\uFFFD.png"), _work.Style, "-o", _work.File("out.png"));
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        Assert.Contains("is not valid UTF-8", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKerasPresetSaysItNeedsTheVggBackbone()
    {
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("out.png"), "--preset", "keras");
        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("--backbone: The KerasExample preset needs VGG19 with Caffe preprocessing", run.Error, StringComparison.Ordinal);
        Assert.Contains("the feature extractor is ResNet18", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a layer of ResNet18", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out.png")));
    }

    [Fact]
    public async Task HelpShowsTheLibrarysDefaults()
    {
        CliRun run = await CliRun.RunAsync("--help");
        Assert.Equal(ExitCode.Success, run.Code);
        string help = string.Join(' ', run.Out.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        StyleTransferSettings defaults = StyleTransferSettings.Default;
        foreach (string shown in new[]
        {
            Invariant($"[default: {defaults.Optimization.Evaluations}]"),
            Invariant($"[default: {defaults.Image.Size.Pixels}]"),
            Invariant($"[default: {defaults.Objective.StyleWeight}]"),
            Invariant($"[default: {defaults.Objective.StyleStrength}]"),
            Invariant($"[default: {new MultiScaleSettings().SmallestSide}]"),
            Invariant($"[default: {new TilingSettings().Halo}]"),
            Invariant($"adam {OptimizerSettings.Adam().LearningRate}"),
            Invariant($"sgd {OptimizerSettings.Sgd().LearningRate}"),
            StylePreset.KerasExample.Summary,
        })
        {
            Assert.Contains(shown, help, StringComparison.Ordinal);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("apply", " apply <model> <input>...")]
    [InlineData("train", " train <style>...")]
    [InlineData("batch", " batch <manifest>")]
    [InlineData("styles", " styles [options]")]
    public async Task SubcommandHelpShowsItsOwnArgumentsOnly(string command, string usage)
    {
        CliRun run = await CliRun.RunAsync(command, "--help");
        Assert.Equal(ExitCode.Success, run.Code);
        Assert.True(run.Out.Contains(usage, StringComparison.Ordinal), run.Out);
        Assert.DoesNotContain("<content>", run.Out, StringComparison.Ordinal);

        CliRun root = await CliRun.RunAsync("--help");
        Assert.Contains(" <content> <style>...", root.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsupportedOutputFormatFailsBeforeTheRun()
    {
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("out.gif"), "--json");
        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("unsupported extension", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\"event\":\"start\"", run.Out, StringComparison.Ordinal);
    }
}
