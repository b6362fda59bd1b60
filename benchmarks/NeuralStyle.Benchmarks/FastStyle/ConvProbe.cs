using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace NeuralStyle.Benchmarks.FastStyle;

internal static class ConvProbe
{
    public static void Run()
    {
        torch.set_num_threads(2);
        using var noGrad = torch.no_grad();
        var a = torch.rand(1, 32, 514, 514); var wa = torch.rand(16, 32, 3, 3);
        Time("deconv2 direct 32->16 @512", () => conv2d(a, wa));
        var b = torch.rand(1, 32, 258, 258); var wb = torch.rand(64, 32, 3, 3);
        Time("deconv2 phased 32->64 @256 + shuffle", () => pixel_shuffle(conv2d(b, wb), 2));
        var c = torch.rand(1, 16, 520, 520); var wc = torch.rand(3, 16, 9, 9);
        Time("deconv3 direct 16->3 9x9 @512", () => conv2d(c, wc));
        var wc2 = torch.rand(12, 64, 5, 5);
        Time("deconv3 phased unshuffle 64->12 5x5 @256", () => pixel_shuffle(conv2d(pixel_unshuffle(c, 2), wc2), 2));
        var d = torch.rand(1, 3, 520, 520); var wd = torch.rand(16, 3, 9, 9);
        Time("conv1 direct 3->16 9x9 @512", () => conv2d(d, wd));
        var wd2 = torch.rand(64, 12, 5, 5);
        Time("conv1 phased 12->64 5x5 @256", () => pixel_shuffle(conv2d(pixel_unshuffle(d, 2), wd2), 2));
        var e = torch.rand(1, 64, 130, 130); var we = torch.rand(64, 64, 3, 3);
        Time("res 64->64 @128", () => conv2d(e, we));
        var f = torch.rand(1, 64, 130, 130); var wf = torch.rand(128, 64, 3, 3);
        Time("deconv1 phased 64->128 @128", () => pixel_shuffle(conv2d(f, wf), 2));
        var g = torch.rand(1, 64, 258, 258); var wg = torch.rand(32, 64, 3, 3);
        Time("deconv1 direct 64->32 @256", () => conv2d(g, wg));
        var h = torch.rand(1, 16, 514, 514); var wh = torch.rand(32, 16, 3, 3);
        Time("conv2 direct 16->32 s2 @512", () => conv2d(h, wh, strides: [2, 2]));
        var cl = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(a); var wcl = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(wa);
        Time("deconv2 direct channels_last", () => conv2d(cl, wcl));
        var bcl = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(b); var wbcl = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(wb);
        Time("deconv2 phased channels_last", () => conv2d(bcl, wbcl));
        var b64 = torch.rand(1, 64, 258, 258); var wb64 = torch.rand(64, 64, 3, 3);
        Time("64->64 @256", () => conv2d(b64, wb64));
        var b32 = torch.rand(1, 32, 258, 258); var wb32 = torch.rand(32, 32, 3, 3);
        Time("32->32 @256", () => conv2d(b32, wb32));
        var b16 = torch.rand(1, 32, 258, 258); var wb16 = torch.rand(128, 32, 3, 3);
        Time("32->128 @256", () => conv2d(b16, wb16));
        var ccl = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(c); var wccl = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(wc);
        Time("deconv3 direct channels_last", () => conv2d(ccl, wccl));
        var i = torch.rand(1, 16, 512, 512);
        Time("instnorm+relu 16 @512", () => relu(instance_norm(i)));
        Time("reflect pad 16 @512", () => pad(i, [1, 1, 1, 1], PaddingModes.Reflect));
    }

    private static void Time(string name, Func<torch.Tensor> f)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            using var scope = torch.NewDisposeScope();
            var sw = Stopwatch.StartNew();
            f();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"{name}: {best:F1} ms");
    }
}
