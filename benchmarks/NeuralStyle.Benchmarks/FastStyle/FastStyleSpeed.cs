using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.Benchmarks.Quality;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace NeuralStyle.Benchmarks.FastStyle;

/// <summary>
/// <c>fast-speed [runs] [--gatys]</c>: ms per image of each network width (5 residual blocks) and of the built-in styles'
/// shape (full width, 1 block) at 256, 512 and 1024 px
/// (squares: the centre of a mate-backgrounds photo), TorchSharp and ONNX Runtime, 2 threads, min of
/// <c>runs</c> after a warm-up; with <c>--gatys</c>, the Gatys default on the same 512 px image.
/// Untrained (seeded) networks: the arithmetic does not depend on the weights.
/// </summary>
internal static class FastStyleSpeed
{
    private const int Threads = 2;

    public static void Run(string[] args)
    {
        int runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out int n) ? n : 5;
        torch.set_num_threads(Threads);
        string photo = Path.Combine(PictureSet.PhotoFolder, "Dune.jpg");
        using TransferImage original = Square(new ImageLoader().Load(photo));
        string folder = Path.Combine(Path.GetTempPath(), "neuralstyle-fast-speed");
        Directory.CreateDirectory(folder);
        Console.WriteLine($"| width | blocks | size | TorchSharp ms | ONNX Runtime ms |");
        Console.WriteLine($"|---|---:|---|---:|---:|");
        FastStyleArchitecture[] architectures =
        [
            new() { Width = NetworkWidth.Full },
            new() { Width = NetworkWidth.Full, ResidualBlocks = 1 },
            new() { Width = NetworkWidth.Half },
            new() { Width = NetworkWidth.Quarter },
        ];
        foreach (FastStyleArchitecture architecture in architectures)
        {
            using var model = new FastStyleModel(TransformerNet.Initialize(architecture, 1), new FastStyleModelInfo { Architecture = architecture });
            string onnx = Path.Combine(folder, $"{architecture.Width}-{architecture.ResidualBlocks}.onnx");
            model.ExportOnnx(onnx, overwrite: true);
            using var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            using var session = new InferenceSession(onnx, options);
            foreach (int size in new[] { 256, 512, 1024 })
            {
                using TransferImage sized = original.ResizeTo(size, size);
                using torch.Tensor input = ImageTensor.FromImage(sized.Color);
                double torchMs = Best(runs, () => model.Forward(input, StylizeOptions.Default, CancellationToken.None).Dispose());
                var tensor = new DenseTensor<float>(input.data<float>().ToArray(), [1, 3, sized.Height, sized.Width]);
                double onnxMs = Best(runs, () => session.Run([NamedOnnxValue.CreateFromTensor("image", tensor)]).Dispose());
                Console.WriteLine(FormattableString.Invariant($"| {architecture.WidthText} | {architecture.ResidualBlocks} | {sized.Width}x{sized.Height} | {torchMs:F0} | {onnxMs:F0} |"));
            }
        }

        if (args.Contains("--gatys"))
        {
            using var extractor = ResNet18FeatureExtractor.Load();
            using TransferImage sized = original.Resize(OutputSize.LongestSide(512));
            using Image<Rgb24> style = new ImageLoader().Load(Path.Combine("docs", "images", "starry_night.jpg")).Color;
            var clock = Stopwatch.StartNew();
            using StyleTransferResult result = new StyleTransferBuilder()
                .WithFeatureExtractor(extractor).WithContent(sized.Color).AddStyle(style).WithSize(OutputSize.Original).Build().Run();
            Console.WriteLine(FormattableString.Invariant($"Gatys default (ResNet18, {sized.Width}x{sized.Height}): {clock.Elapsed.TotalMilliseconds:F0} ms"));
        }
    }

    /// <summary>The centre square of <paramref name="image"/> (the goal is stated for 512 x 512).</summary>
    private static TransferImage Square(TransferImage image)
    {
        using (image)
        {
            int side = Math.Min(image.Width, image.Height);
            return new TransferImage(image.Color.Clone(c => c.Crop(new Rectangle((image.Width - side) / 2, (image.Height - side) / 2, side, side))));
        }
    }

    private static double Best(int runs, Action action)
    {
        action();
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }
}
