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

        const int width = 52, height = 40;
        using Image<Rgb24> photo = TestImages.Photo(width, height);
        using Image<Rgb24> expected = model.Stylize(photo, StylizeOptions.Default with { PaletteShare = 0 }); // the graph is the network alone
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(
            [NamedOnnxValue.CreateFromTensor("image", Planes(photo))]);
        Tensor<float> actual = results.Single().AsTensor<float>();
        int worst = 0;
        expected.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                {
                    worst = Math.Max(worst, Math.Abs(row[x].R - Level(actual[0, 0, y, x])));
                    worst = Math.Max(worst, Math.Abs(row[x].G - Level(actual[0, 1, y, x])));
                    worst = Math.Max(worst, Math.Abs(row[x].B - Level(actual[0, 2, y, x])));
                }
            }
        });
        Assert.True(worst <= 1, $"ONNX Runtime's result differs from the model's by {worst} levels: re-export the model (neural-style export)");
    }

    /// <summary>The photo as the graph's input: <c>[1, 3, H, W]</c> RGB in [0, 1].</summary>
    private static DenseTensor<float> Planes(Image<Rgb24> photo)
    {
        var planes = new DenseTensor<float>([1, 3, photo.Height, photo.Width]);
        photo.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    (planes[0, 0, y, x], planes[0, 1, y, x], planes[0, 2, y, x]) = (row[x].R / 255f, row[x].G / 255f, row[x].B / 255f);
                }
            }
        });
        return planes;
    }

    private static int Level(float value) => (int)Math.Round(Math.Clamp(value, 0f, 1f) * 255);
}
