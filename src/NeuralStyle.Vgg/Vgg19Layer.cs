using System.Diagnostics.CodeAnalysis;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;

namespace NeuralStyle.Vgg;

/// <summary>
/// A typed VGG19 layer id in torchvision's layout. <see cref="Depth"/> is the index in
/// torchvision's <c>vgg19().features</c>, so <c>conv4_2</c> (index 21) and <c>relu4_2</c> (22) are
/// different values.
/// </summary>
public sealed record Vgg19Layer : FeatureLayer
{
    private const string Network = "VGG19";

    private static readonly int[] ConvsPerBlock = [2, 2, 4, 4, 4];

    private Vgg19Layer(Vgg19LayerKind kind, int block, int number, int depth)
    {
        Kind = kind;
        Block = block;
        Number = number;
        Depth = depth;
    }

    /// <summary>Every layer of VGG19's feature stack, in forward order (37 entries).</summary>
    public static IReadOnlyList<Vgg19Layer> All { get; } = Enumerate().ToArray();

    /// <summary><c>relu1_1</c> (Keras <c>block1_conv1</c>).</summary>
    public static Vgg19Layer Relu1_1 { get; } = Relu(1, 1);

    /// <summary><c>relu2_1</c> (Keras <c>block2_conv1</c>).</summary>
    public static Vgg19Layer Relu2_1 { get; } = Relu(2, 1);

    /// <summary><c>relu3_1</c> (Keras <c>block3_conv1</c>).</summary>
    public static Vgg19Layer Relu3_1 { get; } = Relu(3, 1);

    /// <summary><c>relu4_1</c> (Keras <c>block4_conv1</c>).</summary>
    public static Vgg19Layer Relu4_1 { get; } = Relu(4, 1);

    /// <summary><c>relu4_2</c> (Keras <c>block4_conv2</c>), the usual content layer.</summary>
    public static Vgg19Layer Relu4_2 { get; } = Relu(4, 2);

    /// <summary><c>relu5_1</c> (Keras <c>block5_conv1</c>).</summary>
    public static Vgg19Layer Relu5_1 { get; } = Relu(5, 1);

    /// <summary><c>relu5_2</c> (Keras <c>block5_conv2</c>), the Keras example's content layer.</summary>
    public static Vgg19Layer Relu5_2 { get; } = Relu(5, 2);

    /// <summary>Convolution, ReLU or pooling.</summary>
    public Vgg19LayerKind Kind { get; }

    /// <summary>Block number, 1 to 5.</summary>
    public int Block { get; }

    /// <summary>Convolution number within the block (1-based; 0 for pooling).</summary>
    public int Number { get; }

    /// <inheritdoc />
    public override int Depth { get; }

    /// <inheritdoc />
    public override string Name => Kind switch
    {
        Vgg19LayerKind.Conv => $"conv{Block}_{Number}",
        Vgg19LayerKind.Relu => $"relu{Block}_{Number}",
        _ => $"pool{Block}",
    };

    /// <summary>The ordinal of this layer's convolution among all 16 (0-based; for pooling, the last conv before it).</summary>
    public int ConvolutionIndex => ConvsPerBlock.Take(Block - 1).Sum() + (Kind == Vgg19LayerKind.Pool ? ConvsPerBlock[Block - 1] : Number) - 1;

    /// <summary>The output of convolution <paramref name="number"/> of <paramref name="block"/>, before its ReLU.</summary>
    public static Vgg19Layer Conv(int block, int number) => Find(Vgg19LayerKind.Conv, block, number);

    /// <summary>The ReLU after convolution <paramref name="number"/> of <paramref name="block"/>.</summary>
    public static Vgg19Layer Relu(int block, int number) => Find(Vgg19LayerKind.Relu, block, number);

    /// <summary>The pooling at the end of <paramref name="block"/>.</summary>
    public static Vgg19Layer Pool(int block) => Find(Vgg19LayerKind.Pool, block, 0);

    /// <summary>
    /// Parses <c>convB_N</c>, <c>reluB_N</c>, <c>poolB</c> or Keras' <c>blockB_convN</c> (= <c>reluB_N</c>) and
    /// <c>blockB_pool</c> (= <c>poolB</c>); otherwise throws <see cref="ArgumentException"/> listing the valid names.
    /// </summary>
    public static Vgg19Layer Parse(string name) => LayerNames.Resolve(Network, name, All, KerasAliases);

    /// <summary>Parses a layer name as <see cref="Parse"/> does; otherwise <paramref name="problem"/> lists the valid names.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out Vgg19Layer? layer, [NotNullWhen(false)] out string? problem) =>
        LayerNames.TryResolve(Network, name, All, KerasAliases, out layer, out problem);

    /// <summary>Keras' names for VGG19 layers.</summary>
    public static IReadOnlyDictionary<string, FeatureLayer> KerasAliases { get; } = All
        .Where(l => l.Kind != Vgg19LayerKind.Conv)
        .ToDictionary(
            l => l.Kind == Vgg19LayerKind.Relu ? $"block{l.Block}_conv{l.Number}" : $"block{l.Block}_pool",
            l => (FeatureLayer)l);

    private static Vgg19Layer Find(Vgg19LayerKind kind, int block, int number)
    {
        Vgg19Layer? layer = All.FirstOrDefault(l => l.Kind == kind && l.Block == block && l.Number == number);
        return layer ?? throw new ArgumentOutOfRangeException(
            nameof(block), $"VGG19 has no {kind} layer {block}_{number}: blocks 1-5 have {string.Join(", ", ConvsPerBlock)} convolutions.");
    }

    private static IEnumerable<Vgg19Layer> Enumerate()
    {
        int depth = 0;
        for (int block = 1; block <= ConvsPerBlock.Length; block++)
        {
            for (int n = 1; n <= ConvsPerBlock[block - 1]; n++)
            {
                yield return new Vgg19Layer(Vgg19LayerKind.Conv, block, n, depth++);
                yield return new Vgg19Layer(Vgg19LayerKind.Relu, block, n, depth++);
            }

            yield return new Vgg19Layer(Vgg19LayerKind.Pool, block, 0, depth++);
        }
    }
}
