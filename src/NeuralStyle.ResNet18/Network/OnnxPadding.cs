namespace NeuralStyle.ResNet18.Network;

/// <summary>
/// A window's padding as ONNX stores it (<c>pads</c> = [top, left, bottom, right]). The CNTK
/// export pads strided windows asymmetrically ([3,3,2,2] and [1,1,0,0]). For even sides, which
/// every layer sees when the image sides are multiples of 32, that is exactly the same as padding
/// the leading amount on both sides (the extra trailing row is never read). For other sides the
/// ONNX graph itself is inconsistent (a block's main path and its 1x1 projection disagree by one
/// row, so ONNX Runtime fails); symmetric padding — torchvision's ResNet convention — keeps both
/// paths aligned, so the network accepts any size.
/// </summary>
/// <param name="Top">Rows added above (and, as used, below).</param>
/// <param name="Left">Columns added on the left (and, as used, on the right).</param>
internal readonly record struct OnnxPadding(long Top, long Left)
{
    /// <summary>The symmetric padding to pass to the operator.</summary>
    public long[] Symmetric => [Top, Left];

    /// <summary>Reads ONNX pads; only symmetric pads or pads whose trailing side is one less are accepted.</summary>
    public static OnnxPadding FromOnnx(IReadOnlyList<long> pads) => pads.Count switch
    {
        0 => default,
        4 when pads.All(p => p >= 0) && pads[2] <= pads[0] && pads[3] <= pads[1] && pads[0] - pads[2] <= 1 && pads[1] - pads[3] <= 1
            => new OnnxPadding(pads[0], pads[1]),
        _ => throw new FormatException($"unsupported pads [{string.Join(", ", pads)}]: expected symmetric pads or a trailing side one smaller"),
    };
}
