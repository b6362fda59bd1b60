using System.Globalization;
using System.Text.RegularExpressions;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Imaging;

namespace NeuralStyle.Benchmarks.FastStyle;

/// <summary>
/// <c>record-palette MODEL.safetensors PAINTING</c>: records the painting's palette, at the style size the
/// model was trained with, in a model written before training recorded it (the first release's built-in styles), and
/// rewrites its ONNX export beside it when there is one. The weights are unchanged.
/// </summary>
internal static partial class RecordPalette
{
    public static void Run(string[] args)
    {
        string path = args[0];
        using FastStyleModel model = FastStyleModel.Load(path);
        int styleSize = StyleSize().Match(model.Info.TrainingSettings) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : model.Info.TrainingSize;
        using TransferImage painting = new ImageLoader().Load(args[1]);
        using TransferImage sized = painting.Resize(OutputSize.LongestSide(styleSize));
        FastStyleModelInfo info = model.Info with { Palette = ColorPalette.Of(sized.Color) };
        FastStyleModel.Write(path, overwrite: true, model.Network, info);
        Console.WriteLine($"{path}: palette {info.Palette!.ToText()} (the painting at {styleSize} px)");
        string onnx = Path.ChangeExtension(path, ".onnx");
        if (File.Exists(onnx))
        {
            using FastStyleModel stamped = FastStyleModel.Load(path);
            stamped.ExportOnnx(onnx, overwrite: true);
            Console.WriteLine($"{onnx}: rewritten with the palette step at the default share in its graph and the palette in its metadata");
        }
    }

    [GeneratedRegex(@"style-size=(\d+)")]
    private static partial Regex StyleSize();
}
