using System.CommandLine;
using NeuralStyle.Cli.FastStyle;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.Tests.Options;

/// <summary>Every option made from a stylise description reaches <see cref="StylizeOptions"/> (a dropped line in the binding would leave the default).</summary>
public sealed class StylizeOptionSetTests
{
    private static readonly Dictionary<string, string[]> NonDefault = new()
    {
        ["strength"] = ["--strength", "0.5"],
        ["palette"] = ["--palette", "0.3"],
        ["preserve-colors"] = ["--preserve-colors"],
        ["max-tile-size"] = ["--max-tile-size", "128"],
        ["tile-overlap"] = ["--tile-overlap", "16"],
        ["size"] = ["--size", "300"],
        ["max-upscale"] = ["--max-upscale", "2"],
        ["memory-limit"] = ["--memory-limit", "512"],
    };

    [Fact]
    public void Each_described_option_sets_its_stylize_option()
    {
        Assert.Equal(StylizeOptionSet.Descriptions.Select(d => d.Key).Order(), NonDefault.Keys.Order());
        foreach ((string key, string[] args) in NonDefault)
        {
            var set = new StylizeOptionSet();
            var command = new Command("apply");
            set.AddTo(command);
            ParseResult parsed = command.Parse(args);
            Assert.Empty(parsed.Errors);
            Assert.True(set.Read(parsed) != StylizeOptions.Default, $"--{key} left the options at their defaults");
        }
    }

    [Fact]
    public void The_palette_share_is_read_as_given()
    {
        var set = new StylizeOptionSet();
        var command = new Command("apply");
        set.AddTo(command);
        Assert.Equal(0.3, set.Read(command.Parse(["--palette", "0.3"])).PaletteShare);
        Assert.Equal(StylizeOptions.Default.PaletteShare, set.Read(command.Parse([])).PaletteShare);
    }
}
