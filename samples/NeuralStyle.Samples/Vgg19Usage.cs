using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using NeuralStyle.Weights;

namespace NeuralStyle.Samples;

/// <summary>VGG19 snippets of docs/backbones.md and docs/options.md.</summary>
public static class Vgg19Usage
{
    public static async Task DownloadAndStyleAsync(CancellationToken cancellationToken)
    {
        #region vgg19-download
        string weights = await Vgg19Weights.DownloadAsync(       // cached after the first call
            cache: new WeightsCache(),                           // $NEURALSTYLE_CACHE_DIR or ~/.cache/neuralstyle
            featuresOnly: true,                                  // keep an 80 MB .safetensors, not 548 MB
            progress: new Progress<DownloadProgress>(p => Console.WriteLine($"{p.BytesReceived} / {p.TotalBytes}")),
            cancellationToken: cancellationToken);
        using var vgg = Vgg19FeatureExtractor.FromFile(weights);
        #endregion

        using StyleTransferResult result = await new StyleTransferBuilder()
            .WithFeatureExtractor(vgg).WithContent("photo.jpg").AddStyle("style.jpg").Build().RunAsync(cancellationToken);
        result.Save("styled.png");
    }

    public static void KerasExample()
    {
        #region keras-preset
        StylePreset keras = StylePreset.KerasExample;          // the seed recipe, exactly
        using var vgg = Vgg19FeatureExtractor.FromFile(Vgg19Weights.Locate(),
            Vgg19Options.For(keras.Settings));                // the Caffe preprocessing it needs (Keras' preprocess_input)
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(vgg)
            .WithContent("photo.jpg")
            .AddStyle("starry_night.jpg")
            .UsePreset(keras)
            .Build();
        using StyleTransferResult result = transfer.Run(new RunReporting
        {
            Snapshot = s => ImageWriter.Save(s.Image, $"keras_{s.Evaluation:D4}.png"),
            SnapshotEvery = keras.SnapshotEvery,              // the example saved an image every 100 steps
        });
        #endregion
        result.Save("keras.png");
    }

    public static void CustomSettings(Vgg19FeatureExtractor vgg, CancellationToken cancellationToken)
    {
        #region custom-settings
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(vgg)
            .WithContent("photo.jpg")
            .AddStyle("starry_night.jpg", weight: 0.7)          // several styles, blended
            .AddStyle("the_scream.jpg", weight: 0.3)
            .WithContentLayer("relu4_2")
            .WithStyleLayers("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
            .WithStyleStrength(1)                                // the weights below, as given
            .WithWeights(content: 1, style: 20, totalVariation: 5)
            .WithOptimizer(OptimizerSettings.Adam(learningRate: 0.02))
            .WithEvaluations(500)
            .WithInit(InitMode.Noise).WithSeed(42)
            .WithSize(OutputSize.Height(400))
            .Build();
        using StyleTransferResult result = transfer.Run(cancellationToken);
        #endregion
        result.Save("custom.png");
    }
}
