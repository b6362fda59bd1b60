using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>BT.601 full-range YCbCr for <c>[N, 3, H, W]</c> RGB tensors in [0, 1].</summary>
public static class YCbCr
{
    /// <summary>Converts RGB to Y, Cb, Cr (Cb and Cr centred on 0).</summary>
    public static torch.Tensor FromRgb(torch.Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var scope = torch.NewDisposeScope();
        torch.Tensor r = rgb.narrow(1, 0, 1), g = rgb.narrow(1, 1, 1), b = rgb.narrow(1, 2, 1);
        torch.Tensor y = r.Times(0.299) + g.Times(0.587) + b.Times(0.114);
        return torch.cat([y, (b - y).Times(0.564), (r - y).Times(0.713)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>Converts Y, Cb, Cr back to RGB (not clamped).</summary>
    public static torch.Tensor ToRgb(torch.Tensor ycbcr)
    {
        ArgumentNullException.ThrowIfNull(ycbcr);
        using var scope = torch.NewDisposeScope();
        torch.Tensor y = ycbcr.narrow(1, 0, 1), cb = ycbcr.narrow(1, 1, 1), cr = ycbcr.narrow(1, 2, 1);
        return torch.cat([y + cr.Times(1.403), y - cb.Times(0.344) - cr.Times(0.714), y + cb.Times(1.773)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The luminance of <paramref name="styled"/> with the chroma of <paramref name="content"/> (same size), clamped to [0, 1].</summary>
    public static torch.Tensor KeepChroma(torch.Tensor styled, torch.Tensor content)
    {
        ArgumentNullException.ThrowIfNull(styled);
        ArgumentNullException.ThrowIfNull(content);
        using var scope = torch.NewDisposeScope();
        torch.Tensor combined = torch.cat([FromRgb(styled).narrow(1, 0, 1), FromRgb(content).narrow(1, 1, 2)], 1);
        return ToRgb(combined).Between(0, 1).MoveToOuterDisposeScope();
    }
}
