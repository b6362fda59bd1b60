using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>A decoded style image, its optional mask and its blend weight.</summary>
/// <param name="Image">The style image.</param>
/// <param name="Mask">Its region mask, or null for the whole image.</param>
/// <param name="Weight">Its blend weight.</param>
internal sealed record LoadedStyle(TransferImage Image, TransferImage? Mask, double Weight);

/// <summary>
/// The images of one scale as tensors and back, as <see cref="ImageSettings"/> say: style images
/// sized and (for colour matching) recoloured, masks as luminance weights, and the result rendered
/// with the content's colours (luminance-only transfer) and alpha.
/// </summary>
internal sealed class StageImages(IFeatureExtractor extractor, ImageSettings settings)
{
    /// <summary>The size <paramref name="style"/> is optimised against at <paramref name="stage"/>.</summary>
    public static (int Width, int Height) StyleSize(ImageSettings settings, TransferImage style, ScaleStage stage)
    {
        double scale = settings.StyleScale;
        return settings.StyleSizing == StyleImageSizing.MatchContentSize
            ? (Scaled(stage.Width, scale), Scaled(stage.Height, scale))
            : OutputSize.LongestSide(Scaled(Math.Max(stage.Width, stage.Height), scale)).Apply(style.Width, style.Height);
    }

    /// <summary>An image as an RGB tensor in [0, 1] on the extractor's device and type.</summary>
    public torch.Tensor ToTensor(TransferImage image) => ImageTensor.FromImage(image.Color, extractor.Device, extractor.DataType);

    /// <summary>A style image at <paramref name="stage"/>: sized, recoloured to <paramref name="content"/> when colour matching, with its mask.</summary>
    public StyleTensor Style(LoadedStyle style, torch.Tensor content, ScaleStage stage)
    {
        (int width, int height) = StyleSize(settings, style.Image, stage);
        using TransferImage sized = style.Image.ResizeTo(width, height);
        torch.Tensor image = ToTensor(sized);
        if (settings.ColorPreservation == ColorPreservation.ColorMatching)
        {
            image = ColorMatching.MatchStatistics(image, content);
        }

        torch.Tensor? mask = null;
        if (style.Mask is not null)
        {
            using TransferImage sizedMask = style.Mask.ResizeTo(stage.Width, stage.Height);
            mask = YCbCr.FromRgb(ToTensor(sizedMask)).narrow(1, 0, 1).Between(0, 1);
        }

        return new StyleTensor(image, style.Weight, mask);
    }

    /// <summary>The optimised RGB tensor as an image: the content's chroma kept when asked, the content's alpha put back.</summary>
    public TransferImage Render(torch.Tensor rgb, torch.Tensor contentRgb, TransferImage content)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor colors = settings.ColorPreservation == ColorPreservation.LuminanceOnly ? YCbCr.KeepChroma(rgb, contentRgb) : rgb;
        return new TransferImage(ImageTensor.ToImage(colors), content.Alpha?.Clone());
    }

    private static int Scaled(int pixels, double scale) => Math.Max(1, (int)Math.Round(pixels * scale));
}
