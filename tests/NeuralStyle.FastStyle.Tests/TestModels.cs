using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;

namespace NeuralStyle.FastStyle.Tests;

/// <summary>Untrained (seeded) models for the tests that need a network but not a style.</summary>
internal static class TestModels
{
    public static FastStyleArchitecture Small { get; } = new() { Width = NetworkWidth.Quarter, ResidualBlocks = 2 };

    public static FastStyleModel Seeded(long seed = 7, FastStyleArchitecture? architecture = null)
    {
        architecture ??= Small;
        return new FastStyleModel(TransformerNet.Initialize(architecture, seed), new FastStyleModelInfo { Architecture = architecture, StyleName = "seeded", TrainingSize = 64 });
    }
}
