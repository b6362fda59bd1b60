using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18.Onnx;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>
/// The TorchSharp network against ONNX Runtime running the original ONNX file, on the final output
/// and on intermediate values, at several input sizes (including sides that are not multiples of 32).
/// </summary>
public sealed class OnnxRuntimeParityTests : IClassFixture<ResNet18Fixture>
{
    private const float Tolerance = 1e-4f;
    private const string InputName = "Input247";

    /// <summary>Our layer ids and the CNTK export's names for the same values (read off the graph).</summary>
    private static readonly (ResNet18Layer Layer, string OnnxName)[] Compared =
    [
        (ResNet18Layer.Stem, "ReLU253_Output_0"),
        (ResNet18Layer.StemPool, "Pooling255_Output_0"),
        (ResNet18Layer.StageOutput(1), "ReLU283_Output_0"),
        (ResNet18Layer.BlockRelu(2, 0), "ReLU289_Output_0"),
        (ResNet18Layer.BlockOutput(3, 0), "ReLU333_Output_0"),
        (ResNet18Layer.StageOutput(3), "ReLU347_Output_0"),
        (ResNet18Layer.BlockRelu(4, 2), "ReLU385_Output_0"),
        (ResNet18Layer.StageOutput(4), "ReLU393_Output_0"),
    ];

    private static readonly Lazy<InferenceSession> Session = new(() =>
    {
        byte[] edited = OnnxModelEditor.WithDynamicInputAndOutputs(
            File.ReadAllBytes(ResNet18Fixture.ModelPath), InputName, Compared.Select(c => c.OnnxName).Append("Pooling395_Output_0"));
        return new InferenceSession(edited);
    });

    private readonly ResNet18Fixture _fixture;

    public OnnxRuntimeParityTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(224, 224, true)]
    [InlineData(256, 320, true)]
    [InlineData(224, 288, true)]
    public void ActivationsMatchOnnxRuntime(int height, int width, bool includeFinalOutput)
    {
        using var scope = torch.NewDisposeScope();
        using Image<Rgb24> image = TestImages.Photo(width, height);
        torch.Tensor input = _fixture.Extractor.Normalization.Normalize(ImageTensor.FromImage(image));
        var layers = Compared.Select(c => (FeatureLayer)c.Layer).ToList();
        var names = Compared.Select(c => c.OnnxName).ToList();
        if (includeFinalOutput)
        {
            layers.Add(ResNet18Layer.AveragePool);
            names.Add("Pooling395_Output_0");
        }

        IReadOnlyDictionary<FeatureLayer, torch.Tensor> ours = _fixture.Extractor.ExtractNormalized(input, layers);
        float[] data = input.contiguous().data<float>().ToArray();
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> reference = Session.Value.Run(
            [NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<float>(data, [1, 3, height, width]))], names);

        for (int i = 0; i < layers.Count; i++)
        {
            Tensor<float> expected = reference.Single(r => r.Name == names[i]).AsTensor<float>();
            torch.Tensor actual = ours[layers[i]];
            Assert.Equal(expected.Dimensions.ToArray().Select(d => (long)d), actual.shape);
            float[] actualValues = actual.contiguous().data<float>().ToArray();
            float[] expectedValues = expected.ToArray();
            float maxDifference = actualValues.Zip(expectedValues, (a, e) => Math.Abs(a - e)).Max();
            Assert.True(maxDifference <= Tolerance, $"{layers[i]} ({names[i]}) at {width}x{height}: max |diff| {maxDifference:E2} > {Tolerance:E0}");
        }
    }

    [Fact]
    public void InputNormalizationUsesThePackagesChannelMeans()
    {
        OnnxModel preprocess = OnnxModelReader.Read(ResNet18Fixture.PreprocessModelPath);
        OnnxTensor meanImage = preprocess.Initializers["MeanImage"];
        Assert.Equal([1L, 3, 224, 224], meanImage.Dimensions);
        int plane = 224 * 224;
        for (int channel = 0; channel < 3; channel++)
        {
            double mean = meanImage.Values.Skip(channel * plane).Take(plane).Average(v => (double)v);
            Assert.Equal(mean, _fixture.Extractor.Normalization.Mean[channel], 3);
        }

        Assert.True(_fixture.Extractor.Normalization.ReverseChannels);
        Assert.Equal(255, _fixture.Extractor.Normalization.Scale);
    }
}
