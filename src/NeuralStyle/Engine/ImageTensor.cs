using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>Fast conversion between RGB images and <c>[1, 3, H, W]</c> tensors with values in [0, 1].</summary>
public static class ImageTensor
{
    /// <summary>Converts an RGB image to a <c>[1, 3, H, W]</c> tensor in [0, 1] on <paramref name="device"/>.</summary>
    public static torch.Tensor FromImage(Image<Rgb24> image, torch.Device? device = null, torch.ScalarType dtype = torch.ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = image.Width, height = image.Height;

        // Bytes first (3 per pixel, not a managed float array), then one float tensor: a large image's
        // conversion holds about 16 bytes per pixel at its peak. x * (1f / 255f) in float32, as ever.
        byte[] pixels = new byte[(long)width * height * 3];
        image.CopyPixelDataTo(pixels);
        using var scope = torch.NewDisposeScope();
        torch.Tensor chw = torch.tensor(pixels, [height, width, 3]).to(device ?? torch.CPU).permute(2, 0, 1).contiguous().unsqueeze(0);
        torch.Tensor result = chw.to(torch.ScalarType.Float32).Times_(1f / 255f);
        return (dtype == torch.ScalarType.Float32 ? result : result.to(dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Converts a <c>[1, 3, H, W]</c> (or <c>[3, H, W]</c>) tensor in [0, 1] to an RGB image, clamping and rounding.</summary>
    public static Image<Rgb24> ToImage(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() is not (3 or 4) || tensor.shape[^3] != 3)
        {
            throw new ArgumentException($"Expected a [1, 3, H, W] image tensor, got [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        }

        using var scope = torch.NewDisposeScope();
        torch.Tensor chw = tensor.dim() == 4 ? tensor[0] : tensor;
        int height = (int)chw.shape[1], width = (int)chw.shape[2];
        torch.Tensor hwc = chw.detach().to(torch.ScalarType.Float32).cpu()
            .Between(0, 1).Times_(255).round_().to(torch.ScalarType.Byte).permute(1, 2, 0).contiguous();
        return Image.LoadPixelData<Rgb24>(hwc.bytes, width, height);
    }
}
