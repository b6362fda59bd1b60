using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks.Support;

/// <summary>The one transfer the benchmarks run: default preset, content at its own size, one style.</summary>
internal static class BenchmarkTransfer
{
    public static StyleTransferResult Run(
        IFeatureExtractor extractor,
        Image<Rgb24> content,
        Image<Rgb24> style,
        int evaluations,
        TilingSettings? tiling = null,
        IProgress<StyleTransferProgress>? progress = null)
    {
        StyleTransferBuilder builder = new StyleTransferBuilder()
            .WithFeatureExtractor(extractor)
            .WithContent(content)
            .AddStyle(style)
            .WithSize(OutputSize.Original)
            .WithTiling(tiling)
            .WithEvaluations(evaluations);
        return builder.Build().Run(progress is null ? RunReporting.None : RunReporting.WithProgress(progress));
    }
}
