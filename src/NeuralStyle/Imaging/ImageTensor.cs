using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Imaging;

/// <summary>Fast conversion between RGB images and <c>[1, 3, H, W]</c> tensors with values in [0, 1].</summary>
internal static class ImageTensor
{
    /// <summary>Converts an RGB image to a <c>[1, 3, H, W]</c> tensor in [0, 1] on <paramref name="device"/>.</summary>
    public static torch.Tensor FromImage(Image<Rgb24> image, torch.Device? device = null, torch.ScalarType dtype = torch.ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(image);
        int width = image.Width, height = image.Height, plane = width * height;
        const float scale = 1f / 255f;
        float[] buffer = new float[plane * 3];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                int offset = y * width;
                for (int x = 0; x < row.Length; x++)
                {
                    buffer[offset + x] = row[x].R * scale;
                    buffer[plane + offset + x] = row[x].G * scale;
                    buffer[(2 * plane) + offset + x] = row[x].B * scale;
                }
            }
        });
        using torch.Tensor cpu = torch.tensor(buffer, [1, 3, height, width]);
        return cpu.to(dtype, device ?? torch.CPU, copy: true);
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
            .clamp(0, 1).mul(255).round_().to(torch.ScalarType.Byte).permute(1, 2, 0).contiguous();
        return Image.LoadPixelData<Rgb24>(hwc.bytes, width, height);
    }
}
