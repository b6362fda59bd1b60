using NeuralStyle.ResNet18.Network;

namespace NeuralStyle.ResNet18.Tests.Network;

/// <summary>ONNX pads as the network takes them: symmetric, or the export's trailing side one smaller; anything else refused.</summary>
public sealed class OnnxPaddingTests
{
    [Theory]
    [InlineData(new long[] { 3, 3, 2, 2 }, 3, 3)]
    [InlineData(new long[] { 1, 1, 0, 0 }, 1, 1)]
    [InlineData(new long[] { 1, 1, 1, 1 }, 1, 1)]
    [InlineData(new long[] { 0, 1, 0, 1 }, 0, 1)]
    [InlineData(new long[0], 0, 0)]
    public void Symmetric_pads_and_a_trailing_side_one_smaller_pad_the_leading_amount_on_both_sides(long[] pads, long top, long left)
    {
        OnnxPadding padding = OnnxPadding.FromOnnx(pads);
        Assert.Equal([top, left], padding.Symmetric);
    }

    [Theory]
    [InlineData(new long[] { 1, 1, 2, 2 })]
    [InlineData(new long[] { 3, 3, 1, 1 })]
    [InlineData(new long[] { -1, 0, -1, 0 })]
    [InlineData(new long[] { 1, 1 })]
    public void Other_pads_are_refused_naming_them(long[] pads)
    {
        FormatException error = Assert.Throws<FormatException>(() => OnnxPadding.FromOnnx(pads));
        Assert.Contains($"[{string.Join(", ", pads)}]", error.Message, StringComparison.Ordinal);
    }
}
