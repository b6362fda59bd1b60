using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.Optimization;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;

namespace NeuralStyle.Samples;

/// <summary>The feature snippets of docs/options.md.</summary>
public static class FeatureUsage
{
    public static void RegionsAndScales(CancellationToken cancellationToken)
    {
        #region regions-and-scales
        using var resnet = ResNet18FeatureExtractor.Load();
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(resnet)
            .WithContent("street.jpg")
            .AddStyle("starry_night.jpg", weight: 1, maskPath: "sky_mask.png")     // sky: white in the mask
            .AddStyle("the_scream.jpg", weight: 1, maskPath: "houses_mask.png")    // buildings; black everywhere else stays unstyled
            .WithStyleScale(0.5)                                 // paintings at half size: strokes twice as large
            .WithMultiScale()                                    // 128 px, 181 px, ... up to the output size
            .WithColorPreservation(ColorPreservation.ColorMatching)   // the photo's palette, the paintings' texture
            .WithStyleLoss(StyleLossKind.Wasserstein)            // or MeanCovariance; Gram by default
            .WithSize(OutputSize.LongestSide(768))
            .Build();
        foreach (ScaleStage stage in transfer.PlanScales(768, 512))
        {
            Console.WriteLine($"scale {stage.Index + 1}/{stage.Count}: {stage.Width}x{stage.Height}, {stage.Evaluations} evaluations");
        }

        using StyleTransferResult result = transfer.Run(cancellationToken);
        #endregion
        result.Save("styled.png");
    }

    public static void NeuralStyleOptions()
    {
        #region neural-style-options
        using var vgg = Vgg19FeatureExtractor.FromFile(Vgg19Weights.Locate(),
            new Vgg19Options { Pooling = Vgg19Pooling.ScaledAverage });   // average pooling x2
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(vgg)
            .WithContent("photo.jpg")
            .AddStyle("style.jpg")
            .WithOptimizer(OptimizerSettings.Adam(learningRate: 0.02, averageDecay: 0.95))   // result = average of iterates
            .WithNormalizedGradients()                                  // -normalize_gradients
            .Build();
        #endregion
        using StyleTransferResult result = transfer.Run();
        result.Save("styled.png");
    }

    public static void LargeImages(CancellationToken cancellationToken)
    {
        #region large-images
        using var vgg = Vgg19FeatureExtractor.FromFile(Vgg19Weights.Locate());
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(vgg)
            .WithContent("photo.jpg")
            .AddStyle("style.jpg")
            .WithSize(OutputSize.LongestSide(2048))
            .WithTiling(new TilingSettings { TileSize = 512, Halo = 64 })   // the network sees 640 px tiles
            .WithOptimizer(OptimizerSettings.Adam(learningRate: 0.02))      // L-BFGS's history would add 10 GB at 2048²
            .Build();
        Console.WriteLine(transfer.EstimateMemory(2048, 2048));            // checked before the run starts, too
        using StyleTransferResult result = transfer.Run(cancellationToken);
        #endregion
        result.Save("styled-2048.png");
    }
}
