using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Time to the seed's quality: the KerasExample recipe (its SGD schedule) runs N steps at 128 px
/// high and reaches total loss L; the default optimiser (L-BFGS) then minimises the very same loss
/// (Keras formulas, weights, layers and optimisation space) and the time at which it first reaches
/// L is compared. VGG19 has He-initialised random weights (the ImageNet ones cannot be fetched
/// here); the images are the project's own demo pictures.
/// </summary>
internal static class SeedQuality
{
    public static void Run(int steps)
    {
        torch.manual_seed(1234);
        using Vgg19FeatureExtractor vgg = HeInitialisedVgg();
        using Image<Rgb24> content = DemoImages.Lakeside(192, 128);
        using Image<Rgb24> style = DemoImages.Swirls(128, 128);

        var seed = Trace(vgg, content, style, steps, optimizer: null);
        double target = seed.Min(p => p.Loss);
        double seedSeconds = seed[^1].Seconds;
        Console.WriteLine(Invariant($"KerasExample (SGD, lr 100 x0.96/100): {steps} steps in {seedSeconds:F1} s, best loss {target:G6}"));

        var lbfgs = Trace(vgg, content, style, steps, OptimizerSettings.Lbfgs());
        int reached = lbfgs.FindIndex(p => p.Loss <= target);
        if (reached < 0)
        {
            Console.WriteLine(Invariant($"L-BFGS did not reach {target:G6} within {steps} evaluations (best {lbfgs.Min(p => p.Loss):G6})."));
            return;
        }

        (int iteration, double loss, double seconds) = lbfgs[reached];
        Console.WriteLine(Invariant($"Default optimiser (L-BFGS): reached {loss:G6} at evaluation {iteration} in {seconds:F1} s"));
        Console.WriteLine(Invariant($"time ratio {seconds / seedSeconds:F4} (1/{seedSeconds / seconds:F1}); evaluation ratio {(double)iteration / steps:F4}"));
    }

    private static List<(int Iteration, double Loss, double Seconds)> Trace(
        IFeatureExtractor extractor, Image<Rgb24> content, Image<Rgb24> style, int steps, OptimizerSettings? optimizer)
    {
        var points = new List<(int, double, double)>(steps);
        StyleTransferBuilder builder = new StyleTransferBuilder()
            .WithFeatureExtractor(extractor)
            .WithContent(content)
            .AddStyle(style)
            .UsePreset(StylePreset.KerasExample)
            .WithSize(OutputSize.Height(128))
            .WithEvaluations(steps);
        if (optimizer is not null)
        {
            builder.WithOptimizer(optimizer);
        }

        using StyleTransferResult result = builder.Build().Run(
            RunReporting.WithProgress(new SynchronousProgress<StyleTransferProgress>(p => points.Add((p.Evaluation, p.Losses.Total, p.Elapsed.TotalSeconds)))));
        return points;
    }

    private static Vgg19FeatureExtractor HeInitialisedVgg()
    {
        using var state = new StateDictionary(Vgg19FeatureExtractor.TorchvisionKeys.Select(k =>
        {
            double bound = k.Shape.Length == 4 ? Math.Sqrt(6.0 / (k.Shape[1] * k.Shape[2] * k.Shape[3])) : 0.01;
            return KeyValuePair.Create(k.Key, torch.rand(k.Shape).mul_(2).sub_(1).mul_(bound));
        }));
        return Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { Preprocessing = Vgg19Preprocessing.Caffe, DeepestLayer = Vgg19Layer.Relu5_2 });
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
