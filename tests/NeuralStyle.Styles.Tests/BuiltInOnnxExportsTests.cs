using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Styles.Tests;

/// <summary>
/// The ONNX exports the package carries (<c>onnx/</c>) are of the embedded models: the same record, and ONNX Runtime paints
/// what the model paints. A retrained style whose export was not redone fails here.
/// </summary>
public sealed class BuiltInOnnxExportsTests
{
    [Theory]
    [InlineData(BuiltInStyle.StarryNight)]
    [InlineData(BuiltInStyle.TheScream)]
    [InlineData(BuiltInStyle.Shipwreck)]
    public void Each_export_carries_the_models_record_and_paints_what_it_paints(BuiltInStyle style)
    {
        using FastStyleModel model = BuiltInStyles.Load(style);
        using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "Models", BuiltInStyles.NameOf(style) + ".onnx"));
        IReadOnlyDictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(model.Info.StyleName, metadata["style"]);
        Assert.Equal(model.Info.TrainingSettings, metadata["training_settings"]);
        Assert.Equal(model.Info.Palette?.ToText(), metadata["palette"]);

        const int width = 52, height = 40, pixels = width * height;
        using Image<Rgb24> photo = TestImages.Photo(width, height);
        using Image<Rgb24> expected = model.Stylize(photo, StylizeOptions.Default with { PaletteShare = 0 }); // the graph is the network alone
        byte[] photoBytes = new byte[pixels * 3], expectedBytes = new byte[pixels * 3];
        photo.CopyPixelDataTo(photoBytes);
        expected.CopyPixelDataTo(expectedBytes);

        // Interleaved RGB bytes (pixel i, channel c at 3i + c) and the graph's [1, 3, H, W] planes (at c * pixels + i).
        var planes = new DenseTensor<float>([1, 3, height, width]);
        for (int k = 0; k < photoBytes.Length; k++)
        {
            planes.Buffer.Span[Plane(k, pixels)] = photoBytes[k] / 255f;
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("image", planes)]);
        float[] actual = results.Single().AsTensor<float>().ToArray();
        int worst = Enumerable.Range(0, expectedBytes.Length).Max(k => Math.Abs(expectedBytes[k] - Level(actual[Plane(k, pixels)])));
        Assert.True(worst <= 1, $"ONNX Runtime's result differs from the model's by {worst} levels: re-export the model (neural-style export)");
    }

    /// <summary>Where interleaved RGB byte <paramref name="k"/> sits in channel planes of <paramref name="pixels"/> values each.</summary>
    private static int Plane(int k, int pixels) => (k % 3 * pixels) + (k / 3);

    private static int Level(float value) => (int)Math.Round(Math.Clamp(value, 0f, 1f) * 255);
}
