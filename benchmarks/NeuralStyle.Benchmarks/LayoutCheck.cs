using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Does channels_last pay on this CPU? VGG19's convolutions up to relu5_1, forward and backward to
/// the image, with NCHW tensors and with channels_last strides (TorchSharp has no memory-format
/// API: permute, contiguous, permute back gives the same logical tensor with NHWC strides, which
/// libtorch's oneDNN convolutions keep). Min of N alternating runs.
/// </summary>
internal static class LayoutCheck
{
    private static readonly int[] Channels = [64, 64, -1, 128, 128, -1, 256, 256, 256, 256, -1, 512, 512, 512, 512, -1, 512];

    public static void Run(int repetitions)
    {
        Console.WriteLine("| size | NCHW (min) | channels_last (min) | speed-up | error vs float64, NCHW / channels_last |");
        Console.WriteLine("|---|---|---|---|---|");
        using var scope = torch.NewDisposeScope();
        var random = new torch.Generator(1);
        var weights = new List<(torch.Tensor Weight, torch.Tensor Bias)>();
        long inputs = 3;
        foreach (int channels in Channels.Where(c => c > 0))
        {
            weights.Add((torch.randn([channels, inputs, 3, 3], generator: random).mul_(Math.Sqrt(2.0 / (9 * inputs))), torch.zeros(channels)));
            inputs = channels;
        }

        var lastWeights = weights.Select(w => (ChannelsLast(w.Weight), w.Bias)).ToList();
        foreach (int size in new[] { 256, 512 })
        {
            torch.Tensor image = torch.rand([1, 3, size, size], generator: random);
            // Both layouts against a float64 reference, as relative L2 errors (max pooling's argmax
            // can flip on rounding, so element-wise maxima mislead).
            var doubleWeights = weights.Select(w => (w.Weight.to(torch.ScalarType.Float64), w.Bias.to(torch.ScalarType.Float64))).ToList();
            torch.Tensor reference = Gradient(image.to(torch.ScalarType.Float64), doubleWeights);
            double nchwError = RelativeError(Gradient(image, weights), reference), nhwcError = RelativeError(Gradient(ChannelsLast(image), lastWeights), reference);
            double nchw = double.MaxValue, nhwc = double.MaxValue;
            for (int i = 0; i < repetitions; i++)
            {
                nchw = Math.Min(nchw, Time(() => Gradient(image, weights).Dispose()));
                nhwc = Math.Min(nhwc, Time(() => Gradient(ChannelsLast(image), lastWeights).Dispose()));
            }

            Console.WriteLine(FormattableString.Invariant($"| {size} | {nchw:F1} ms | {nhwc:F1} ms | {nchw / nhwc:F2}x | {nchwError:E1} / {nhwcError:E1} |"));
        }
    }

    private static double RelativeError(torch.Tensor actual, torch.Tensor reference) =>
        (actual.to(torch.ScalarType.Float64) - reference).norm().ToDouble() / reference.norm().ToDouble();

    private static torch.Tensor ChannelsLast(torch.Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    private static torch.Tensor Gradient(torch.Tensor image, List<(torch.Tensor Weight, torch.Tensor Bias)> weights)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = image.detach().requires_grad_(true), y = x;
        int convolution = 0;
        foreach (int channels in Channels)
        {
            y = channels < 0
                ? max_pool2d(y, [2, 2], [2, 2])
                : relu(conv2d(y, weights[convolution].Weight, weights[convolution++].Bias, padding: [1, 1]));
        }

        return torch.autograd.grad([y.sum()], [x])[0].MoveToOuterDisposeScope();
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
