using NeuralStyle.Engine;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// Scores that use no neural network, so no method can game them by optimising its own loss:
/// a style distance between patch distributions, a palette distance between colour distributions
/// in CIELAB, and a content distance from structural similarity. Images are <c>[1, 3, H, W]</c>
/// RGB tensors in [0, 1].
/// </summary>
internal static class QualityMetrics
{
    private const int Patch = 5;
    private const int Projections = 64;
    private const int Quantiles = 256;
    private const int MaxPatches = 8192;
    private const int PaletteDirections = 32;
    private const int MaxPixels = 65536;

    /// <summary>
    /// Sliced Wasserstein-1 distance between the distributions of 5x5 RGB patches of the two images
    /// (64 fixed random directions, 256 quantiles), averaged over full and half resolution. 0 for
    /// images with the same patch statistics; independent of where the patches are.
    /// </summary>
    public static double StyleDistance(torch.Tensor image, torch.Tensor style)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(20261126, torch.CPU);
        torch.Tensor directions = torch.randn([3 * Patch * Patch, Projections], torch.ScalarType.Float64, generator: generator);
        directions /= directions.norm(0, true);
        double full = Sliced(image, style, directions);
        double half = Sliced(avg_pool2d(image, 2), avg_pool2d(style, 2), directions);
        return (full + half) / 2;
    }

    /// <summary>
    /// 1 − SSIM of the luminance at a quarter of the resolution (Gaussian window σ = 1.5): 0 for the
    /// same layout, about 1 for unrelated images. At that scale brush strokes average out and what
    /// is compared is where the photo's shapes, edges and shading are.
    /// </summary>
    public static double ContentDistance(torch.Tensor image, torch.Tensor content)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor a = Luminance(avg_pool2d(image.to(torch.ScalarType.Float64), 4));
        torch.Tensor b = Luminance(avg_pool2d(content.to(torch.ScalarType.Float64), 4));
        torch.Tensor window = Gaussian(7, 1.5);
        torch.Tensor Blur(torch.Tensor x) => conv2d(x, window, padding: [3, 3]);
        torch.Tensor muA = Blur(a), muB = Blur(b);
        torch.Tensor varA = Blur(a * a) - (muA * muA), varB = Blur(b * b) - (muB * muB), cov = Blur(a * b) - (muA * muB);
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        torch.Tensor ssim = (muA.Times(2) * muB).Plus(c1) * cov.Times(2).Plus(c2) / (((muA * muA) + (muB * muB)).Plus(c1) * (varA + varB).Plus(c2));
        return 1 - ssim[.., .., 3..^3, 3..^3].mean().ToDouble();
    }

    /// <summary>
    /// Sliced Wasserstein-1 distance between the distributions of the two images' pixel colours in
    /// CIELAB (D65), in ΔE units: the L, a and b axes plus 29 fixed random directions, 256
    /// quantiles each. 0 for the same palette whatever the layout; a photo in its own colours is
    /// typically 10–40 from a painting.
    /// </summary>
    public static double PaletteDistance(torch.Tensor image, torch.Tensor style)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(20261202, torch.CPU);
        torch.Tensor random = torch.randn([3, PaletteDirections - 3], torch.ScalarType.Float64, generator: generator);
        torch.Tensor directions = torch.cat([torch.eye(3, dtype: torch.ScalarType.Float64), random / random.norm(0, true)], 1);
        return (ColourQuantiles(image, directions) - ColourQuantiles(style, directions)).abs().mean().ToDouble();
    }

    /// <summary>CIELAB (D65) of sRGB values in [0, 1], <c>[N, 3]</c> → <c>[N, 3]</c>.</summary>
    public static torch.Tensor Lab(torch.Tensor rgb)
    {
        using Scalar linearBelow = 0.04045.ToScalar();
        torch.Tensor linear = torch.where(rgb.le(linearBelow), rgb.DividedBy(12.92), rgb.Plus(0.055).DividedBy(1.055).Power(2.4));
        torch.Tensor toXyz = torch.tensor(new double[] { 0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.0721750, 0.0193339, 0.1191920, 0.9503041 }, [3, 3], torch.ScalarType.Float64);
        torch.Tensor white = torch.tensor(new[] { 0.95047, 1.0, 1.08883 }, torch.ScalarType.Float64);
        torch.Tensor xyz = linear.mm(toXyz.t()) / white;
        const double delta = 6.0 / 29;
        using Scalar cubeAbove = (delta * delta * delta).ToScalar();
        torch.Tensor f = torch.where(xyz.gt(cubeAbove), xyz.Power(1.0 / 3), xyz.DividedBy(3 * delta * delta).Plus(4.0 / 29));
        torch.Tensor l = f.narrow(1, 1, 1).Times(116).Plus(-16);
        torch.Tensor a = (f.narrow(1, 0, 1) - f.narrow(1, 1, 1)).Times(500);
        torch.Tensor b = (f.narrow(1, 1, 1) - f.narrow(1, 2, 1)).Times(200);
        return torch.cat([l, a, b], 1);
    }

    private static torch.Tensor ColourQuantiles(torch.Tensor image, torch.Tensor directions)
    {
        torch.Tensor pixels = image.to(torch.ScalarType.Float64)[0].reshape(3, -1).t().Between(0, 1);
        if (pixels.shape[0] > MaxPixels)
        {
            pixels = pixels[torch.linspace(0, pixels.shape[0] - 1, MaxPixels).to(torch.ScalarType.Int64)];
        }

        torch.Tensor projected = Lab(pixels).mm(directions).sort(0).Values;
        torch.Tensor positions = torch.linspace(0, projected.shape[0] - 1, Quantiles).round().to(torch.ScalarType.Int64);
        return projected[positions];
    }

    private static double Sliced(torch.Tensor a, torch.Tensor b, torch.Tensor directions) =>
        (Quantile(a, directions) - Quantile(b, directions)).abs().mean().ToDouble();

    private static torch.Tensor Quantile(torch.Tensor image, torch.Tensor directions)
    {
        torch.Tensor patches = unfold(image.to(torch.ScalarType.Float64), Patch)[0].t();
        if (patches.shape[0] > MaxPatches)
        {
            patches = patches[torch.linspace(0, patches.shape[0] - 1, MaxPatches).to(torch.ScalarType.Int64)];
        }

        torch.Tensor projected = patches.mm(directions).sort(0).Values;
        torch.Tensor positions = torch.linspace(0, projected.shape[0] - 1, Quantiles).round().to(torch.ScalarType.Int64);
        return projected[positions];
    }

    private static torch.Tensor Luminance(torch.Tensor rgb) =>
        rgb.narrow(1, 0, 1).Times(0.299) + rgb.narrow(1, 1, 1).Times(0.587) + rgb.narrow(1, 2, 1).Times(0.114);

    private static torch.Tensor Gaussian(int size, double sigma)
    {
        torch.Tensor x = ScalarArithmetic.Range(size, torch.ScalarType.Float64, torch.CPU).Plus(-((size - 1) / 2.0));
        torch.Tensor g = (-(x * x)).DividedBy(2 * sigma * sigma).exp();
        g /= g.sum();
        return g.outer(g).view(1, 1, size, size);
    }
}
