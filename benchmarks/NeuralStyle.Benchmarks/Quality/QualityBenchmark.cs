using System.Globalization;
using System.Text;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Losses;
using NeuralStyle.ResNet18;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// Styles fixed content x style pairs (drawn in code, plus any given on the command line) under
/// each configuration and scores every result with <see cref="QualityMetrics"/> (no network), with
/// its wall time. Writes <c>quality.md</c> and <c>images/quality-sheet.png</c> into the docs folder.
/// </summary>
internal static class QualityBenchmark
{
    private const string KerasName = "KerasExample recipe";
    private const string DefaultName = "Default";

    public static void Run(string[] args)
    {
        string docs = Option(args, "--docs") ?? "docs";
        int size = int.Parse(Option(args, "--size") ?? "128", CultureInfo.InvariantCulture);
        int kerasSteps = int.Parse(Option(args, "--keras-steps") ?? "4000", CultureInfo.InvariantCulture);
        torch.set_num_threads(Environment.ProcessorCount);
        using ResNet18FeatureExtractor resnet = ResNet18FeatureExtractor.Load();
        QualityConfiguration[] configurations = Configurations(resnet, size, kerasSteps);
        List<QualityPair> pairs = Pairs(args, size);
        var rows = new List<(QualityPair Pair, QualityConfiguration? Configuration, double Style, double Content, double Seconds, int Evaluations)>();
        var sheet = new List<IReadOnlyList<Image<Rgb24>>>();
        try
        {
            foreach (QualityPair pair in pairs)
            {
                var cells = new List<Image<Rgb24>> { pair.Content.Clone(), pair.Style.Clone() };
                rows.Add((pair, null, Score(pair.Content, pair), 0, 0, 0));
                foreach (QualityConfiguration configuration in configurations)
                {
                    StyleTransfer transfer = configuration.Configure(new StyleTransferBuilder()
                            .WithFeatureExtractor(configuration.Extractor)
                            .WithContent(pair.Content)
                            .AddStyle(pair.Style))
                        .WithSize(OutputSize.LongestSide(size))
                        .Build();
                    using StyleTransferResult result = transfer.Run();
                    (double style, double content) = Scores(result.Image.Color, pair);
                    rows.Add((pair, configuration, style, content, result.Elapsed.TotalSeconds, result.LossHistory.Count));
                    Console.WriteLine(Invariant($"{pair.Name,-22} {configuration.Name,-28} style {style:F4}  content {content:F4}  {result.Elapsed.TotalSeconds,7:F1} s  {result.LossHistory.Count} evaluations"));
                    cells.Add(result.Image.Color.Clone());
                }

                sheet.Add(cells);
            }

            Directory.CreateDirectory(Path.Combine(docs, "images"));
            using (Image<Rgb24> composed = ContactSheet.Compose(sheet, cellHeight: Math.Min(size, 160)))
            {
                composed.SaveAsPng(Path.Combine(docs, "images", "quality-sheet.png"));
            }

            File.WriteAllText(Path.Combine(docs, "quality.md"), Report(rows, configurations, pairs, size, kerasSteps));
            Console.WriteLine($"Wrote {Path.Combine(docs, "quality.md")} and {Path.Combine(docs, "images", "quality-sheet.png")}");
        }
        finally
        {
            foreach (Image<Rgb24> image in sheet.SelectMany(row => row))
            {
                image.Dispose();
            }

            pairs.ForEach(p => p.Dispose());
        }
    }

    private static QualityConfiguration[] Configurations(ResNet18FeatureExtractor resnet, int size, int kerasSteps) =>
    [
        new(DefaultName, "the Default preset: L-BFGS, 300 evaluations, relative losses 1/10/10", resnet, b => b.UsePreset(StylePreset.Default)),
        new(
            "Default + multi-scale",
            Invariant($"Default with a coarse-to-fine ladder from half the output size (factor √2; 100 evaluations at each coarse scale, 300 at the last)"),
            resnet,
            b => b.UsePreset(StylePreset.Default).WithMultiScale(new MultiScaleSettings { SmallestSide = size / 2, CoarseEvaluations = 100 })),
        new("Default + Wasserstein", "Default with the Wasserstein-2 style loss", resnet, b => b.UsePreset(StylePreset.Default).WithStyleLoss(StyleLossKind.Wasserstein)),
        new(
            KerasName,
            Invariant($"the KerasExample preset's recipe — its content/Gram/TV formulas, weights 2.5e-8/1e-6/1e-6, SGD lr 100 x0.96 per 100 steps, {kerasSteps} steps, Caffe-style input space — on ResNet18's recommended layers"),
            resnet,
            b => b.WithSettings((StylePreset.KerasExample.Settings with { Extractor = null })
                .WithObjective(o => o with { ContentLayers = null, StyleLayers = null })
                .WithOptimization(o => o with { Evaluations = kerasSteps }))),
    ];

    private static List<QualityPair> Pairs(string[] args, int size)
    {
        (int w, int h) = (size, (int)Math.Round(size * 2 / 3.0));
        var pairs = new List<QualityPair>
        {
            new("lakeside × swirls", DemoImages.Lakeside(w, h), DemoImages.Swirls(size, size)),
            new("lakeside × mosaic", DemoImages.Lakeside(w, h), DemoImages.Mosaic(size, size)),
            new("still life × swirls", DemoImages.StillLife(w, h), DemoImages.Swirls(size, size)),
            new("still life × mosaic", DemoImages.StillLife(w, h), DemoImages.Mosaic(size, size)),
        };
        for (int i = 0; i < args.Length - 2; i++)
        {
            if (args[i] == "--pair")
            {
                var loader = new ImageLoader();
                using TransferImage content = loader.Load(args[i + 1]);
                using TransferImage style = loader.Load(args[i + 2]);
                pairs.Add(new QualityPair(
                    $"{Path.GetFileNameWithoutExtension(args[i + 1])} × {Path.GetFileNameWithoutExtension(args[i + 2])}",
                    content.Color.Clone(c => c.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Max })),
                    style.Color.Clone(c => c.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Max }))));
            }
        }

        return pairs;
    }

    private static double Score(Image<Rgb24> image, QualityPair pair) => Scores(image, pair).Style;

    private static (double Style, double Content) Scores(Image<Rgb24> image, QualityPair pair)
    {
        using var scope = torch.NewDisposeScope();
        using Image<Rgb24> sized = image.Clone(c => c.Resize(pair.Content.Width, pair.Content.Height));
        torch.Tensor result = ImageTensor.FromImage(sized);
        return (QualityMetrics.StyleDistance(result, ImageTensor.FromImage(pair.Style)), QualityMetrics.ContentDistance(result, ImageTensor.FromImage(pair.Content)));
    }

    private static string Report(
        List<(QualityPair Pair, QualityConfiguration? Configuration, double Style, double Content, double Seconds, int Evaluations)> rows,
        QualityConfiguration[] configurations,
        List<QualityPair> pairs,
        int size,
        int kerasSteps)
    {
        var text = new StringBuilder();
        text.AppendLine("# Quality benchmark");
        text.AppendLine();
        text.AppendLine("<!-- Generated by `dotnet run -c Release --project benchmarks/NeuralStyle.Benchmarks -- quality`; do not edit by hand. -->");
        text.AppendLine();
        text.AppendLine(Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}), output {size} px longest side, ResNet18 (the embedded backbone) for every configuration."));
        text.AppendLine();
        text.AppendLine("## How the scores are defined");
        text.AppendLine();
        text.AppendLine("Neither score uses a neural network, so no configuration can game them by optimising its own loss.");
        text.AppendLine();
        text.AppendLine("- **Style distance** (lower is closer to the painting): the sliced Wasserstein-1 distance between the distributions of all 5x5 RGB patches of the result and of the style image — patches projected on 64 fixed random directions, 256 quantiles compared per direction — averaged over full and half resolution. It compares colours and local texture wherever they are, not where.");
        text.AppendLine("- **Content distance** (lower keeps more of the photo): 1 − SSIM of the luminance at a quarter of the resolution (Gaussian window σ = 1.5 px), i.e. how much of the photo's layout (where its shapes, edges and shading are) is lost; at that scale brush strokes average out.");
        text.AppendLine("- The **unstyled photo** row of each pair is the reference: its content distance is 0 and its style distance says how far the photo is from the painting to begin with.");
        text.AppendLine("- **Time** is the wall time of the whole run on this machine (targets, optimisation, rendering).");
        text.AppendLine();
        text.AppendLine("Configurations:");
        text.AppendLine();
        foreach (QualityConfiguration configuration in configurations)
        {
            text.AppendLine(Invariant($"- **{configuration.Name}**: {configuration.Description}."));
        }

        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine("| pair | configuration | style distance ↓ | content distance ↓ | time (s) | evaluations |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(row.Configuration is null
                ? Invariant($"| {row.Pair.Name} | *unstyled photo* | {row.Style:F4} | 0 | | |")
                : Invariant($"| {row.Pair.Name} | {row.Configuration.Name} | {row.Style:F4} | {row.Content:F4} | {row.Seconds:F1} | {row.Evaluations} |"));
        }

        text.AppendLine();
        text.AppendLine("Means over the pairs:");
        text.AppendLine();
        text.AppendLine("| configuration | style distance ↓ | content distance ↓ | time (s) |");
        text.AppendLine("|---|---:|---:|---:|");
        var means = configurations.ToDictionary(c => c.Name, c =>
        {
            var mine = rows.Where(r => r.Configuration == c).ToList();
            return (Style: mine.Average(r => r.Style), Content: mine.Average(r => r.Content), Seconds: mine.Average(r => r.Seconds));
        });
        foreach ((string name, var mean) in means)
        {
            text.AppendLine(Invariant($"| {name} | {mean.Style:F4} | {mean.Content:F4} | {mean.Seconds:F1} |"));
        }

        var defaults = means[DefaultName];
        var keras = means[KerasName];
        int bothBetter = pairs.Count(p =>
        {
            var d = rows.Single(r => r.Pair == p && r.Configuration?.Name == DefaultName);
            var k = rows.Single(r => r.Pair == p && r.Configuration?.Name == KerasName);
            return d.Style < k.Style && d.Content < k.Content && d.Seconds <= k.Seconds;
        });
        text.AppendLine();
        text.AppendLine(Invariant($"**Default vs the KerasExample recipe**: better on both distances at lower time in {bothBetter} of {pairs.Count} pairs; on average style {defaults.Style:F4} vs {keras.Style:F4}, content {defaults.Content:F4} vs {keras.Content:F4}, in {defaults.Seconds / keras.Seconds:P0} of its time ({defaults.Seconds:F1} s vs {keras.Seconds:F1} s)."));
        text.AppendLine();
        text.AppendLine("Contact sheet — per row: photo, painting, then the configurations in the order above:");
        text.AppendLine();
        text.AppendLine("![Quality benchmark contact sheet](images/quality-sheet.png)");
        text.AppendLine();
        text.AppendLine(Invariant($"Not measured here: the KerasExample preset on VGG19 with ImageNet weights (they cannot be downloaded on this machine; run `weights download vgg19` and compare by hand), and sizes above {size} px (2 cores)."));
        return text.ToString();
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
