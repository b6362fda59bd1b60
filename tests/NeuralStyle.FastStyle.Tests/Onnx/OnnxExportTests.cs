using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Onnx;
using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.FastStyle.Tests.Onnx;

public sealed class OnnxExportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "neuralstyle-onnx-" + Guid.NewGuid().ToString("N"));

    public OnnxExportTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData(NetworkWidth.Quarter, 2)]
    [InlineData(NetworkWidth.Half, 5)]
    public void Onnx_runtime_matches_torchsharp_at_two_sizes_one_not_a_multiple_of_four(NetworkWidth width, int blocks)
    {
        using FastStyleModel model = TestModels.Seeded(11, new FastStyleArchitecture { Width = width, ResidualBlocks = blocks });
        string path = Path.Combine(_folder, $"{width}.onnx");
        model.ExportOnnx(path);
        using var session = new InferenceSession(path);
        Assert.Equal(["image"], session.InputMetadata.Keys);
        Assert.Equal([-1, 3, -1, -1], session.InputMetadata["image"].Dimensions);
        foreach ((int height, int width_) in new[] { (48, 64), (37, 50) })
        {
            using torch.Tensor input = torch.rand([2, 3, height, width_], generator: new torch.Generator(5));
            using torch.Tensor expected = model.Forward(input, StylizeOptions.Default, CancellationToken.None);
            float[] values = input.data<float>().ToArray();
            using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(
                [NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(values, [2, 3, height, width_]))]);
            Tensor<float> actual = results.Single().AsTensor<float>();
            Assert.Equal(new[] { 2, 3, height, width_ }, actual.Dimensions.ToArray());
            float[] reference = expected.data<float>().ToArray();
            double maxDifference = reference.Zip(actual.ToArray(), (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDifference <= 1e-4, $"max |ONNX Runtime - TorchSharp| = {maxDifference:E2} at {height}x{width_}");
            Assert.True(reference.Max() - reference.Min() > 0.01, "the seeded network's output should not be constant");
        }
    }

    [Fact]
    public void A_models_palette_is_in_the_graph_at_the_share_asked_for_by_default_the_default()
    {
        using FastStyleModel seeded = TestModels.Seeded(11);
        using var model = new FastStyleModel(TransformerNet.Initialize(TestModels.Small, 11), seeded.Info with { Palette = Painting() });
        using torch.Tensor input = torch.rand([2, 3, 37, 50], generator: new torch.Generator(5));
        using torch.Tensor network = model.Forward(input, StylizeOptions.Default, CancellationToken.None);
        var lengths = new Dictionary<double, long>();
        foreach (double? share in new double?[] { null, 0, 0.3, 1 })
        {
            string path = Path.Combine(_folder, $"palette-{share}.onnx");
            model.ExportOnnx(path, paletteShare: share);
            using var session = new InferenceSession(path);
            Assert.Equal(["image"], session.InputMetadata.Keys);
            double applied = share ?? StylizeOptions.Default.PaletteShare;
            Assert.Equal(applied, double.Parse(session.ModelMetadata.CustomMetadataMap[OnnxExporter.PaletteShareKey], System.Globalization.CultureInfo.InvariantCulture));
            using torch.Tensor expected = model.Info.Palette!.Recolor(network, applied);
            double difference = MaxDifference(expected, Run(session, input));
            Assert.True(difference <= 1e-4, $"share {applied}: max |ONNX Runtime - TorchSharp| = {difference:E2}");
            lengths[applied] = new FileInfo(path).Length;
        }

        using torch.Tensor recoloured = model.Info.Palette!.Recolor(network, StylizeOptions.Default.PaletteShare);
        Assert.True(MaxDifference(recoloured, network) > 0.05, "the palette should change the seeded network's colours");
        Assert.True(lengths[0] < lengths[1], "share 0 exports the network alone");

        string refused = Path.Combine(_folder, "refused.onnx");
        StyleTransferConfigurationException bad = Assert.Throws<StyleTransferConfigurationException>(() => model.ExportOnnx(refused, paletteShare: 1.5));
        Assert.Contains("StylizeOptions.PaletteShare", bad.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(refused));
    }

    /// <summary>
    /// The palette's nodes alone against <see cref="ColorPalette.Recolor"/> on images that test the eigendecomposition:
    /// flat (every variance under the floor), grey (one colour direction), two colours, a near-diagonal covariance, noise.
    /// </summary>
    [Fact]
    public void The_graph_s_palette_step_recolours_as_the_library_does_flat_grey_and_two_colour_images_included()
    {
        foreach (double share in new[] { 1, 0.75 })
        {
            var graph = new OnnxGraph();
            OnnxPalette.Recolor(graph, OnnxExporter.InputName, Painting(), share, OnnxExporter.OutputName);
            string path = Path.Combine(_folder, $"palette-only-{share}.onnx");
            using (FileStream file = File.Create(path))
            {
                OnnxExporter.WriteModel(file, graph, "palette", "test", []);
            }

            using var session = new InferenceSession(path);
            Compare(session, share);
        }
    }

    private static void Compare(InferenceSession session, double share)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(9);
        torch.Tensor noise = torch.rand([1, 3, 24, 30], generator: generator);
        torch.Tensor grey = noise[.., ..1, .., ..].expand(1, 3, 24, 30).contiguous();
        torch.Tensor flat = torch.full([1, 3, 24, 30], 0.4f) + (torch.rand([1, 3, 24, 30], generator: generator) * 1e-3f);
        torch.Tensor twoColours = torch.where(noise[.., ..1, .., ..] > 0.5f, torch.tensor(new[] { 0.9f, 0.2f, 0.1f }).view(1, 3, 1, 1), torch.tensor(new[] { 0.1f, 0.3f, 0.8f }).view(1, 3, 1, 1));
        torch.Tensor nearDiagonal = noise * torch.tensor(new[] { 1f, 0.5f, 0.25f }).view(1, 3, 1, 1);
        torch.Tensor constant = torch.full([1, 3, 24, 30], 0.5f);
        torch.Tensor black = torch.zeros([1, 3, 24, 30]);
        torch.Tensor oneChannel = torch.cat([noise[.., ..1, .., ..], torch.full([1, 2, 24, 30], 0.3f)], 1);
        torch.Tensor pair = torch.cat([flat, twoColours]);
        foreach ((string name, torch.Tensor image) in new[]
        {
            ("noise", noise), ("grey", grey), ("flat", flat), ("two colours", twoColours), ("near-diagonal", nearDiagonal),
            ("constant", constant), ("black", black), ("one channel varying", oneChannel), ("a flat and a two-colour image in one batch", pair),
        })
        {
            torch.Tensor expected = Painting().Recolor(image, share);
            double difference = MaxDifference(expected, Run(session, image));
            Assert.True(difference <= 1e-4, $"{name}, share {share}: max |ONNX Runtime - TorchSharp| = {difference:E2}");
        }
    }

    [Fact]
    public void Export_carries_the_model_metadata_and_never_overwrites_by_default()
    {
        using FastStyleModel model = TestModels.Seeded();
        string path = Path.Combine(_folder, "meta.onnx");
        model.ExportOnnx(path);
        using (var session = new InferenceSession(path))
        {
            Assert.Equal("seeded", session.ModelMetadata.CustomMetadataMap["style"]);
            Assert.Equal("0", session.ModelMetadata.CustomMetadataMap[OnnxExporter.PaletteShareKey]); // no palette: nothing recoloured
            Assert.Equal(FastStyleModelInfo.Format, session.ModelMetadata.CustomMetadataMap["format"]);
        }

        long length = new FileInfo(path).Length;
        Assert.Throws<OutputExistsException>(() => model.ExportOnnx(path));
        Assert.Equal(length, new FileInfo(path).Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ColorPalette Painting()
    {
        using var painting = new TransferImage(DemoImages.Swirls(40, 32));
        return ColorPalette.Of(painting.Color);
    }

    /// <summary>The graph's output for <paramref name="input"/>.</summary>
    private static float[] Run(InferenceSession session, torch.Tensor input)
    {
        int[] shape = [.. input.shape.Select(d => (int)d)];
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(
            [NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, new DenseTensor<float>(input.contiguous().data<float>().ToArray(), shape))]);
        return results.Single().AsTensor<float>().ToArray();
    }

    private static double MaxDifference(torch.Tensor expected, float[] actual) =>
        expected.contiguous().data<float>().ToArray().Zip(actual, (a, b) => (double)Math.Abs(a - b)).Max();

    private static double MaxDifference(torch.Tensor a, torch.Tensor b) => (a - b).abs().max().item<float>();
}
