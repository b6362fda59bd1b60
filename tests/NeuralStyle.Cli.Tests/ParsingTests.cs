namespace NeuralStyle.Cli.Tests;

/// <summary>Bad command lines end with exit code 2 and a message naming the problem, before any work.</summary>
public sealed class ParsingTests : IClassFixture<WorkDirectory>
{
    private readonly WorkDirectory _work;

    public ParsingTests(WorkDirectory work) => _work = work;

    [Theory]
    [InlineData("--output")]
    [InlineData("--size 8", "--size must be between 32 and 16384")]
    [InlineData("--iterations 0", "--iterations must be between 1")]
    [InlineData("--style-weight -1", "--style-weight must be a non-negative finite number")]
    [InlineData("--style-blend 0.5 0.5", "--style-blend has 2 weight(s) for 1 style image(s)")]
    [InlineData("--quiet --json", "--quiet and --json cannot be combined")]
    [InlineData("--preset picasso", "Unknown preset 'picasso'")]
    [InlineData("--backbone alexnet", "alexnet")]
    [InlineData("--frobnicate", "--frobnicate")]
    [InlineData("--preserve-colors --color-match", "choose one")]
    [InlineData("--style-mask a.png b.png", "--style-mask has 2 mask(s) for 1 style image(s)")]
    [InlineData("--style-loss fancy", "Unknown --style-loss 'fancy': use gram, mean-cov, wasserstein")]
    [InlineData("--pooling median", "Unknown --pooling 'median'")]
    [InlineData("--min-size 64", "apply to --multi-scale")]
    [InlineData("--multi-scale --min-size 8", "--min-size must be between 32")]
    [InlineData("--tile-halo 16", "--tile-halo applies to tiled evaluation: add --tile-size")]
    [InlineData("--tile-size 16", "--tile-size must be between 64 and 16384")]
    public async Task BadOptionsAreUsageErrors(string extra, string? expected = null)
    {
        string[] args = [_work.Content, _work.Style, .. extra == "--output" ? Array.Empty<string>() : ["-o", _work.File("out.png")], .. extra == "--output" ? [] : extra.Split(' ')];
        CliRun run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains(expected ?? "--output", run.Error, StringComparison.Ordinal);
        Assert.Contains("neural-style --help", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("out.png")));
    }

    [Theory]
    [InlineData("--normalize-gradients", "NormalizeGradients needs Adam or SGD")]
    [InlineData("--average-decay 0.9", "applies to Adam only")]
    [InlineData("--style-scale 0", "StyleScale must be greater than 0")]
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
    public async Task TheKerasPresetNeedsVggLayerNames()
    {
        CliRun run = await CliRun.RunAsync(_work.Content, _work.Style, "-o", _work.File("out.png"), "--preset", "keras");
        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("'block5_conv2' is not a layer of ResNet18", run.Error, StringComparison.Ordinal);
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
