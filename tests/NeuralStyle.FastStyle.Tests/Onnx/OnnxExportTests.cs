using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.IO;
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
    public void Export_carries_the_model_metadata_and_never_overwrites_by_default()
    {
        using FastStyleModel model = TestModels.Seeded();
        string path = Path.Combine(_folder, "meta.onnx");
        model.ExportOnnx(path);
        using (var session = new InferenceSession(path))
        {
            Assert.Equal("seeded", session.ModelMetadata.CustomMetadataMap["style"]);
            Assert.Equal(FastStyleModelInfo.Format, session.ModelMetadata.CustomMetadataMap["format"]);
        }

        long length = new FileInfo(path).Length;
        Assert.Throws<OutputExistsException>(() => model.ExportOnnx(path));
        Assert.Equal(length, new FileInfo(path).Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
