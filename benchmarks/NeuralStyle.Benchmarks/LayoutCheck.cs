using System.Diagnostics;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.Vgg;
using TorchSharp;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Does channels_last pay on this CPU? VGG19 (one set of random weights) to relu5_1, forward and
/// backward to the image, built with <see cref="Vgg19Options.ChannelsLast"/> off and on; both
/// gradients are compared with a float64 build's. Min of N alternating runs.
/// </summary>
internal static class LayoutCheck
{
    public static void Run(int repetitions)
    {
        Console.WriteLine("| size | NCHW (min) | channels_last (min) | speed-up | error vs float64, NCHW / channels_last |");
        Console.WriteLine("|---|---|---|---|---|");
        using var scope = torch.NewDisposeScope();
        var random = new torch.Generator(1);
        using var state = new StateDictionary(Vgg19FeatureExtractor.TorchvisionKeys.Take(26)
            .Select(k => KeyValuePair.Create(k.Key, torch.randn(k.Shape, generator: random).mul_(0.02))));
        using Vgg19FeatureExtractor nchw = Build(state, channelsLast: false, torch.ScalarType.Float32);
        using Vgg19FeatureExtractor last = Build(state, channelsLast: true, torch.ScalarType.Float32);
        using Vgg19FeatureExtractor exact = Build(state, channelsLast: false, torch.ScalarType.Float64);
        foreach (int size in new[] { 256, 512 })
        {
            torch.Tensor image = torch.rand([1, 3, size, size], generator: random);

            // Relative L2 errors: max pooling's argmax can flip on rounding, so element-wise maxima mislead.
            torch.Tensor reference = Gradient(exact, image);
            double nchwError = RelativeError(Gradient(nchw, image), reference), lastError = RelativeError(Gradient(last, image), reference);
            double nchwTime = double.MaxValue, lastTime = double.MaxValue;
            for (int i = 0; i < repetitions; i++)
            {
                nchwTime = Math.Min(nchwTime, Time(() => Gradient(nchw, image).Dispose()));
                lastTime = Math.Min(lastTime, Time(() => Gradient(last, image).Dispose()));
            }

            Console.WriteLine(FormattableString.Invariant(
                $"| {size} | {nchwTime:F1} ms | {lastTime:F1} ms | {nchwTime / lastTime:F2}x | {nchwError:E1} / {lastError:E1} |"));
        }
    }

    private static Vgg19FeatureExtractor Build(StateDictionary state, bool channelsLast, torch.ScalarType dtype) =>
        Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu5_1, ChannelsLast = channelsLast, DataType = dtype });

    /// <summary>d(sum of relu5_1)/d(image), as float64.</summary>
    private static torch.Tensor Gradient(Vgg19FeatureExtractor extractor, torch.Tensor image)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = image.to(extractor.DataType).requires_grad_(true);
        torch.Tensor features = extractor.ExtractNormalized(x, [Vgg19Layer.Relu5_1])[Vgg19Layer.Relu5_1];
        return torch.autograd.grad([features.sum()], [x])[0].to(torch.ScalarType.Float64).MoveToOuterDisposeScope();
    }

    private static double RelativeError(torch.Tensor actual, torch.Tensor reference) =>
        (actual - reference).norm().ToDouble() / reference.norm().ToDouble();

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
