using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Benchmarks.Quality;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Benchmarks.FastStyle;

/// <summary>
/// The demo model's photos and its sheet. <c>fast-demo-photos DIR</c> links the training photos
/// (8 of the 12 mate-backgrounds nature photos) into DIR; <c>fast-demo MODEL... [--docs docs]</c>
/// stylises the 4 held-out photos at 512 px with the Gatys default and with the model, scores both
/// with the quality benchmark's scores, and writes the sheet (photo, Gatys default, fast network).
/// </summary>
internal static class FastStyleDemo
{
    /// <summary>The photos the demo model is trained on.</summary>
    public static IReadOnlyList<string> Training { get; } = ["Blinds", "FreshFlower", "GreenMeadow", "LadyBird", "RainDrops", "TwoWings", "Wood", "YellowFlower"];

    /// <summary>The photos it never sees in training (two of them are the quality benchmark's Starry Night pairs).</summary>
    public static IReadOnlyList<string> HeldOut { get; } = ["Dune", "Garden", "Aqua", "Storm"];

    public static void LinkTrainingPhotos(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (string name in Training)
        {
            string link = Path.Combine(directory, name + ".jpg");
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine(PictureSet.PhotoFolder, name + ".jpg"));
            }
        }

        Console.WriteLine($"Linked {Training.Count} photos into {directory}; held out: {string.Join(", ", HeldOut)}.");
    }

    /// <summary>
    /// <c>fast-demo MODEL... [--docs docs] [--size 512] [--no-gatys] [--palette P]</c>: each model (a file or a built-in style's
    /// name) and the Gatys default with its painting (cached; left out with --no-gatys), on the held-out photos, scored. One model: the
    /// sheet photo | Gatys default | fast network (fast-style-sheet.jpg); several: photo | each model
    /// (builtin-styles-sheet.jpg).
    /// </summary>
    public static void Run(string[] args)
    {
        string[] models = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        string docs = Option(args, "--docs") ?? "docs";
        int size = int.Parse(Option(args, "--size") ?? "512", CultureInfo.InvariantCulture);
        bool gatysToo = !args.Contains("--no-gatys");
        StylizeOptions options = Option(args, "--palette") is string palette
            ? StylizeOptions.Default with { PaletteShare = double.Parse(palette, CultureInfo.InvariantCulture) }
            : StylizeOptions.Default;
        torch.set_num_threads(2);
        using var extractor = ResNet18FeatureExtractor.Load();
        var loader = new ImageLoader();
        var rows = HeldOut.Select(_ => new List<Image<Rgb24>>()).ToList();
        Console.WriteLine("| photo (held out) | style | method | texture | palette | content kept | time |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (string modelName in models)
        {
            using FastStyleModel model = NeuralStyle.Styles.BuiltInStyles.LoadModel(modelName);
            using TransferImage painting = loader.Load(Path.Combine(docs, "images", model.Info.StyleName + ".jpg"));
            using TransferImage style = painting.Resize(OutputSize.LongestSide(size));
            for (int i = 0; i < HeldOut.Count; i++)
            {
                string name = HeldOut[i];
                using TransferImage original = loader.Load(Path.Combine(PictureSet.PhotoFolder, name + ".jpg"));
                TransferImage photo = original.Resize(OutputSize.LongestSide(size));
                using var pair = new QualityPair(name, photo.Color, style.Color.Clone());
                if (rows[i].Count == 0)
                {
                    rows[i].Add(photo.Color.Clone());
                }

                if (gatysToo)
                {
                    (TransferImage gatys, double gatysMs) = Gatys(extractor, photo, style, Path.Combine(Path.GetTempPath(), "neuralstyle-fast-demo", $"{name}-{model.Info.StyleName}-{size}.png"));
                    using TransferImage gatysImage = gatys;
                    Report(name, model.Info.StyleName, "Gatys default", QualityScores.Of(gatys.Color, pair), gatysMs);
                    if (models.Length == 1)
                    {
                        rows[i].Add(gatys.Color.Clone());
                    }
                }

                var clock = Stopwatch.StartNew();
                TransferImage fast = model.Stylize(photo, options);
                double fastMs = clock.Elapsed.TotalMilliseconds;
                Report(name, model.Info.StyleName, $"fast network ({model.Info.Steps} steps, palette {options.PaletteShare})", QualityScores.Of(fast.Color, pair), fastMs);

                rows[i].Add(fast.Color);
            }
        }

        using Image<Rgb24> sheet = ContactSheet.Compose(rows, 240);
        string file = models.Length == 1 ? "fast-style-sheet" : "builtin-styles-sheet";
        string path = Path.Combine(docs, "images", file + ".jpg");
        sheet.Save(path, new JpegEncoder { Quality = 88 });
        sheet.SaveAsPng(Path.Combine(Path.GetTempPath(), file + ".png"));
        Console.WriteLine($"Wrote {path} (and a PNG copy in the temporary folder, to look at)");
        foreach (Image<Rgb24> image in rows.SelectMany(r => r))
        {
            image.Dispose();
        }
    }

    /// <summary>The Gatys default's result and its time, cached in <paramref name="cache"/> (the time in a side file) so the sheet can be redone for a new model in seconds.</summary>
    private static (TransferImage Image, double Milliseconds) Gatys(IFeatureExtractor extractor, TransferImage photo, TransferImage style, string cache)
    {
        string timing = cache + ".ms";
        if (File.Exists(cache) && File.Exists(timing))
        {
            return (new ImageLoader().Load(cache), double.Parse(File.ReadAllText(timing), CultureInfo.InvariantCulture));
        }

        var clock = Stopwatch.StartNew();
        using StyleTransferResult result = new StyleTransferBuilder()
            .WithFeatureExtractor(extractor).WithContent(photo.Color).AddStyle(style.Color).WithSize(OutputSize.Original).Build().Run();
        double milliseconds = clock.Elapsed.TotalMilliseconds;
        ImageWriter.Save(result.Image, cache, overwrite: true);
        File.WriteAllText(timing, milliseconds.ToString("R", CultureInfo.InvariantCulture));
        return (new TransferImage(result.Image.Color.Clone()), milliseconds);
    }

    private static void Report(string photo, string style, string method, QualityScores scores, double milliseconds) =>
        Console.WriteLine(FormattableString.Invariant(
            $"| {photo} | {style} | {method} | {scores.Style:F3} | {scores.Palette:F3} | {scores.ContentKept:F3} | {milliseconds / 1000:F2} s |"));

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
