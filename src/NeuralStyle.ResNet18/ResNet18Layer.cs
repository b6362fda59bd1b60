using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;

namespace NeuralStyle.ResNet18;

/// <summary>
/// A typed layer id of the ResNet18 shipped by <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>:
/// <c>stem</c>, <c>stem_pool</c>, <c>layerS.B.relu</c> (the ReLU inside block B of stage S),
/// <c>layerS.B</c> (the block's output) and <c>avgpool</c>. That network has 2, 2, 2 and 3 basic
/// blocks in stages 1 to 4 (64, 128, 256 and 512 channels); <c>stageS</c> names the last block of
/// stage S.
/// </summary>
public sealed record ResNet18Layer : FeatureLayer
{
    private const string Network = "ResNet18";

    /// <summary>Basic blocks in stages 1 to 4.</summary>
    public static IReadOnlyList<int> BlocksPerStage { get; } = [2, 2, 2, 3];

    /// <summary>Output channels of stages 1 to 4.</summary>
    public static IReadOnlyList<int> ChannelsPerStage { get; } = [64, 128, 256, 512];

    private ResNet18Layer(ResNet18LayerKind kind, int stage, int block, int depth)
    {
        Kind = kind;
        Stage = stage;
        Block = block;
        Depth = depth;
    }

    /// <summary>Every layer, in forward order (21 entries).</summary>
    public static IReadOnlyList<ResNet18Layer> All { get; } = Enumerate().ToArray();

    /// <summary>The stem's ReLU output (alias <c>conv1</c>).</summary>
    public static ResNet18Layer Stem { get; } = All[0];

    /// <summary>The stem's max-pooling output (alias <c>maxpool</c>).</summary>
    public static ResNet18Layer StemPool { get; } = All[1];

    /// <summary>The final average pooling (alias <c>pool</c>).</summary>
    public static ResNet18Layer AveragePool { get; } = All[^1];

    /// <summary>Aliases: <c>conv1</c>, <c>maxpool</c>, <c>stage1</c>..<c>stage4</c>, <c>pool</c>.</summary>
    public static IReadOnlyDictionary<string, FeatureLayer> Aliases { get; } = BuildAliases();

    /// <summary>What the layer is.</summary>
    public ResNet18LayerKind Kind { get; }

    /// <summary>Stage 1 to 4 for block layers; 0 for the stem and the average pooling.</summary>
    public int Stage { get; }

    /// <summary>Block index within the stage (0-based) for block layers; 0 otherwise.</summary>
    public int Block { get; }

    /// <inheritdoc />
    public override int Depth { get; }

    /// <inheritdoc />
    public override string Name => Kind switch
    {
        ResNet18LayerKind.Stem => "stem",
        ResNet18LayerKind.StemPool => "stem_pool",
        ResNet18LayerKind.BlockRelu => $"layer{Stage}.{Block}.relu",
        ResNet18LayerKind.BlockOutput => $"layer{Stage}.{Block}",
        _ => "avgpool",
    };

    /// <summary>The output of block <paramref name="block"/> (0-based) of stage <paramref name="stage"/> (1-4).</summary>
    public static ResNet18Layer BlockOutput(int stage, int block) => Find(ResNet18LayerKind.BlockOutput, stage, block);

    /// <summary>The ReLU inside block <paramref name="block"/> (0-based) of stage <paramref name="stage"/> (1-4).</summary>
    public static ResNet18Layer BlockRelu(int stage, int block) => Find(ResNet18LayerKind.BlockRelu, stage, block);

    /// <summary>The output of stage <paramref name="stage"/> (1-4), i.e. of its last block.</summary>
    public static ResNet18Layer StageOutput(int stage) =>
        stage is >= 1 and <= 4
            ? BlockOutput(stage, BlocksPerStage[stage - 1] - 1)
            : throw new ArgumentOutOfRangeException(nameof(stage), stage, "ResNet18 has stages 1 to 4.");

    /// <summary>Parses a canonical name or an alias; otherwise throws <see cref="ArgumentException"/> listing the valid names.</summary>
    public static ResNet18Layer Parse(string name) => LayerNames.Resolve(Network, name, All, Aliases);

    /// <summary>Parses a canonical name or an alias; otherwise <paramref name="problem"/> lists the valid names.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out ResNet18Layer? layer, [NotNullWhen(false)] out string? problem) =>
        LayerNames.TryResolve(Network, name, All, Aliases, out layer, out problem);

    private static ResNet18Layer Find(ResNet18LayerKind kind, int stage, int block) =>
        All.FirstOrDefault(l => l.Kind == kind && l.Stage == stage && l.Block == block)
        ?? throw new ArgumentOutOfRangeException(
            nameof(block), $"ResNet18 has no block {stage}.{block}: stages 1-4 have {string.Join(", ", BlocksPerStage)} blocks (0-based).");

    private static IEnumerable<ResNet18Layer> Enumerate()
    {
        int depth = 0;
        yield return new ResNet18Layer(ResNet18LayerKind.Stem, 0, 0, depth++);
        yield return new ResNet18Layer(ResNet18LayerKind.StemPool, 0, 0, depth++);
        for (int stage = 1; stage <= BlocksPerStage.Count; stage++)
        {
            for (int block = 0; block < BlocksPerStage[stage - 1]; block++)
            {
                yield return new ResNet18Layer(ResNet18LayerKind.BlockRelu, stage, block, depth++);
                yield return new ResNet18Layer(ResNet18LayerKind.BlockOutput, stage, block, depth++);
            }
        }

        yield return new ResNet18Layer(ResNet18LayerKind.AveragePool, 0, 0, depth);
    }

    private static Dictionary<string, FeatureLayer> BuildAliases()
    {
        var aliases = new Dictionary<string, FeatureLayer>(StringComparer.OrdinalIgnoreCase)
        {
            ["conv1"] = All[0],
            ["maxpool"] = All[1],
            ["pool"] = All[^1],
        };
        for (int stage = 1; stage <= BlocksPerStage.Count; stage++)
        {
            aliases[$"stage{stage}"] = All.Single(l => l.Kind == ResNet18LayerKind.BlockOutput && l.Stage == stage && l.Block == BlocksPerStage[stage - 1] - 1);
        }

        return aliases;
    }
}
