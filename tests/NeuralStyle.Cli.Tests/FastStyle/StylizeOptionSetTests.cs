using System.CommandLine;
using NeuralStyle.Cli.FastStyle;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.Cli.Tests.FastStyle;

/// <summary>Every option made from a stylise description reaches <see cref="StylizeOptions"/> (a dropped line in the binding would leave the default).</summary>
public sealed class StylizeOptionSetTests
{
    private static readonly Dictionary<string, (string[] Args, Func<StylizeOptions, StylizeOptions> Expected)> NonDefault = new()
    {
        ["strength"] = (["--strength", "0.5"], o => o with { Strength = 0.5 }),
        ["palette"] = (["--palette", "0.3"], o => o with { PaletteShare = 0.3 }),
        ["preserve-colors"] = (["--preserve-colors"], o => o with { ColorPreservation = NeuralStyle.Configuration.ColorPreservation.LuminanceOnly }),
        ["max-tile-size"] = (["--max-tile-size", "128"], o => o with { TileSize = 128 }),
        ["tile-overlap"] = (["--tile-overlap", "16"], o => o with { TileOverlap = 16 }),
        ["size"] = (["--size", "300"], o => o with { Size = 300 }),
        ["max-upscale"] = (["--max-upscale", "2"], o => o with { MaxUpscale = 2 }),
        ["memory-limit"] = (["--memory-limit", "512"], o => o with { MemoryLimitBytes = 512L << 20 }),
    };

    [Fact]
    public void Each_described_option_sets_its_stylize_option()
    {
        Assert.Equal(StylizeOptionSet.Descriptions.Select(d => d.Key).Order(), NonDefault.Keys.Order());
        foreach ((string key, (string[] args, Func<StylizeOptions, StylizeOptions> expected)) in NonDefault)
        {
            var set = new StylizeOptionSet();
            var command = new Command("apply");
            set.AddTo(command);
            ParseResult parsed = command.Parse(args);
            Assert.Empty(parsed.Errors);
            Assert.True(set.Read(parsed) == expected(StylizeOptions.Default), $"--{key} did not set exactly its own option");
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
