using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Styles.Tests;

/// <summary>
/// The ONNX exports the package carries (<c>onnx/</c>) are of the embedded models: the same record, at most 2 MB, and ONNX
/// Runtime paints what the model paints, its palette included. A retrained style whose export was not redone fails here.
/// </summary>
public sealed class BuiltInOnnxExportsTests
{
    [Theory]
    [InlineData(BuiltInStyle.StarryNight)]
    [InlineData(BuiltInStyle.TheScream)]
    [InlineData(BuiltInStyle.Shipwreck)]
    public void Each_export_carries_the_models_record_and_paints_what_it_paints_palette_included(BuiltInStyle style)
    {
        using FastStyleModel model = BuiltInStyles.Load(style);
        string path = Path.Combine(AppContext.BaseDirectory, "Models", BuiltInStyles.NameOf(style) + ".onnx");
        Assert.InRange(new FileInfo(path).Length, 1, 2_000_000); // about 2 KB to spare: the palette step's nodes have short names for it
        using var session = new InferenceSession(path);
        IReadOnlyDictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(model.Info.StyleName, metadata["style"]);
        Assert.Equal(model.Info.TrainingSettings, metadata["training_settings"]);
        Assert.Equal(model.Info.Palette?.ToText(), metadata["palette"]);
        Assert.Equal(StylizeOptions.Default.PaletteShare, double.Parse(metadata["palette_share"], System.Globalization.CultureInfo.InvariantCulture)); // already applied: not to be applied again

        const int width = 52, height = 40, pixels = width * height;
        using Image<Rgb24> photo = TestImages.Photo(width, height);
        byte[] photoBytes = new byte[pixels * 3];
        photo.CopyPixelDataTo(photoBytes);

        // Interleaved RGB bytes (pixel i, channel c at 3i + c) and the graph's [1, 3, H, W] planes (at c * pixels + i).
        var planes = new DenseTensor<float>([1, 3, height, width]);
        for (int k = 0; k < photoBytes.Length; k++)
        {
            planes.Buffer.Span[Plane(k, pixels)] = photoBytes[k] / 255f;
        }

        // The graph recolours as Stylize does by default.
        using Image<Rgb24> expected = model.Stylize(photo);
        byte[] expectedBytes = new byte[pixels * 3];
        expected.CopyPixelDataTo(expectedBytes);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("image", planes)]);
        float[] actual = results.Single().AsTensor<float>().ToArray();
        int worst = Enumerable.Range(0, expectedBytes.Length).Max(k => Math.Abs(expectedBytes[k] - Level(actual[Plane(k, pixels)])));
        Assert.True(worst <= 1, $"ONNX Runtime's result differs from the model's by {worst} levels: re-export the model (neural-style export)");
    }

    /// <summary>Where interleaved RGB byte <paramref name="k"/> sits in channel planes of <paramref name="pixels"/> values each.</summary>
    private static int Plane(int k, int pixels) => (k % 3 * pixels) + (k / 3);

    private static int Level(float value) => (int)Math.Round(Math.Clamp(value, 0f, 1f) * 255);
}
