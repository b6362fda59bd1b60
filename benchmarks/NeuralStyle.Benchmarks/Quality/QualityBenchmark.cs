using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// Styles real photographs with real paintings (<see cref="PictureSet"/>) under each configuration,
/// at every value of its strength sweep, and scores each result without a network
/// (<see cref="QualityScores"/>). Writes a report with the trade-off comparison against the
/// first configuration, a contact sheet and the trade-off plots.
/// </summary>
/// <remarks>
/// <c>quality [--size 512] [--quick] [--pairs N] [--configs a,b] [--sweep s,t,...] [--nominal-only] [--resume] [--docs docs] [--out DIR] [--pair CONTENT STYLE]...</c>:
/// <c>--quick</c> is 256 px; <c>--out</c> (default: the docs folder) receives
/// <c>quality-SIZE.md</c>, <c>images/quality-sheet-SIZE.png</c>, <c>images/quality-tradeoff-SIZE.png</c>
/// and every result image under <c>results-SIZE/</c> (not committed); <c>--resume</c> reuses the
/// results an interrupted run recorded there.
/// </remarks>
internal static class QualityBenchmark
{
    /// <summary>The configuration whose strengths are shown side by side (<c>images/quality-strength-SIZE.png</c>).</summary>
    private const string StrengthSheetConfiguration = "after";

    public static void Run(string[] args)
    {
        string docs = Option(args, "--docs") ?? "docs";
        string output = Option(args, "--out") ?? docs;
        int size = args.Contains("--quick") ? 256 : int.Parse(Option(args, "--size") ?? "512", CultureInfo.InvariantCulture);
        int count = int.Parse(Option(args, "--pairs") ?? PictureSet.Pairs.Count.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        IReadOnlyList<QualityConfiguration> configurations = Candidates.Select(Option(args, "--configs"));
        if (Option(args, "--sweep") is string sweep)
        {
            // Exploration: the same strengths for every configuration, the nominal one kept if listed.
            double[] values = sweep.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            configurations = configurations.Select(c => c with { Sweep = values, Nominal = values.Contains(c.Nominal) ? c.Nominal : values[values.Length / 2] }).ToArray();
        }

        if (args.Contains("--nominal-only"))
        {
            configurations = configurations.Select(c => c with { Sweep = [c.Nominal] }).ToArray();
        }

        torch.set_num_threads(Environment.ProcessorCount);
        using ResNet18FeatureExtractor resnet = ResNet18FeatureExtractor.Load();
        List<QualityPair> pairs = PictureSet.Load(size, docs, count, ExtraPairs(args));
        string results = Path.Combine(output, $"results-{size}");
        Directory.CreateDirectory(results);
        Directory.CreateDirectory(Path.Combine(output, "images"));
        bool resume = args.Contains("--resume");
        var rows = new List<QualityRow>();
        try
        {
            foreach (QualityPair pair in pairs)
            {
                foreach (QualityConfiguration configuration in configurations)
                {
                    foreach (double strength in configuration.Sweep)
                    {
                        rows.Add(Style(resnet, pair, configuration, strength, size, results, resume));
                    }
                }
            }

            using (Image<Rgb24> sheet = Sheet(pairs, configurations, rows, results))
            {
                sheet.SaveAsPng(Path.Combine(output, "images", $"quality-sheet-{size}.png"));
            }

            using (Image<Rgb24> plot = TradeOffPlot.Draw(pairs, configurations, rows))
            {
                plot.SaveAsPng(Path.Combine(output, "images", $"quality-tradeoff-{size}.png"));
            }

            if (configurations.FirstOrDefault(c => c.Name == StrengthSheetConfiguration) is QualityConfiguration swept)
            {
                using Image<Rgb24> strengths = StrengthSheet(pairs.Take(2), swept, rows, results);
                strengths.SaveAsPng(Path.Combine(output, "images", $"quality-strength-{size}.png"));
            }

            string report = Path.Combine(output, $"quality-{size}.md");
            File.WriteAllText(report, QualityReport.Write(pairs, configurations, rows, size));
            Console.WriteLine($"Wrote {report} and its images in {Path.Combine(output, "images")}");
        }
        finally
        {
            pairs.ForEach(p => p.Dispose());
        }
    }

    private static QualityRow Style(ResNet18FeatureExtractor resnet, QualityPair pair, QualityConfiguration configuration, double strength, int size, string results, bool resume)
    {
        string image = Path.Combine(results, FileName(pair, configuration, strength));
        if (resume && ResultCache.TryRead(image, pair, configuration, strength) is QualityRow recorded)
        {
            return recorded;
        }

        var clock = Stopwatch.StartNew();
        StyleTransfer transfer = configuration.Configure(new StyleTransferBuilder().WithFeatureExtractor(resnet).WithContent(pair.Content).AddStyle(pair.Style), strength)
            .WithSize(OutputSize.LongestSide(size))
            .Build();
        using StyleTransferResult result = transfer.Run();
        clock.Stop();
        var scores = QualityScores.Of(result.Image.Color, pair);
        var row = new QualityRow(pair, configuration, strength, scores, clock.Elapsed.TotalSeconds, result.LossHistory.Count);
        result.Save(image, overwrite: true);
        ResultCache.Write(image, row);
        Console.WriteLine(Invariant(
            $"{pair.Name,-26} {configuration.Name,-18} {strength,5:G3}  style {scores.Style:F3}  palette {scores.Palette:F3}  content kept {scores.ContentKept:F3}  {row.Seconds,6:F1} s"));
        return row;
    }

    /// <summary>Per pair: the photo, the painting, then each configuration at its nominal strength.</summary>
    private static Image<Rgb24> Sheet(List<QualityPair> pairs, IReadOnlyList<QualityConfiguration> configurations, List<QualityRow> rows, string results) =>
        SheetOf(pairs, pair => configurations.Select(c => QualityReport.Nominal(rows, pair, c)), results);

    /// <summary>Per pair: the photo, the painting, then <paramref name="configuration"/> at each swept strength.</summary>
    private static Image<Rgb24> StrengthSheet(IEnumerable<QualityPair> pairs, QualityConfiguration configuration, List<QualityRow> rows, string results) =>
        SheetOf(pairs, pair => rows.Where(r => r.Pair == pair && r.Configuration == configuration).OrderBy(r => r.Strength), results);

    /// <summary>A contact sheet with a row per pair: the photo, the painting, then the images of <paramref name="resultsOf"/> that pair.</summary>
    private static Image<Rgb24> SheetOf(IEnumerable<QualityPair> pairs, Func<QualityPair, IEnumerable<QualityRow>> resultsOf, string results)
    {
        var loaded = new List<Image<Rgb24>>();
        try
        {
            var cells = pairs.Select(pair => (IReadOnlyList<Image<Rgb24>>)new[] { pair.Content, pair.Style }
                .Concat(resultsOf(pair).Select(row =>
                {
                    loaded.Add(Image.Load<Rgb24>(Path.Combine(results, FileName(row))));
                    return loaded[^1];
                }))
                .ToList()).ToList();
            return ContactSheet.Compose(cells, cellHeight: 200);
        }
        finally
        {
            loaded.ForEach(i => i.Dispose());
        }
    }

    /// <summary>The result's file name under <c>results-SIZE/</c>.</summary>
    private static string FileName(QualityRow row) => FileName(row.Pair, row.Configuration, row.Strength);

    private static string FileName(QualityPair pair, QualityConfiguration configuration, double strength) =>
        Invariant($"{Slug(pair.Name)}__{Slug(configuration.Name)}__{strength:G3}.png");

    private static string Slug(string text) => new(text.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    private static List<(string, string)> ExtraPairs(string[] args)
    {
        var pairs = new List<(string, string)>();
        for (int i = 0; i < args.Length - 2; i++)
        {
            if (args[i] == "--pair")
            {
                pairs.Add((args[i + 1], args[i + 2]));
            }
        }

        return pairs;
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
