using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>Draws each pair's trade-off curves (content kept against style and palette reached) with ScottPlot, one panel per pair and measure.</summary>
internal static class TradeOffPlot
{
    private static readonly ScottPlot.Color[] Colors =
        [ScottPlot.Colors.Gray, ScottPlot.Colors.OrangeRed, ScottPlot.Colors.RoyalBlue, ScottPlot.Colors.SeaGreen, ScottPlot.Colors.Purple, ScottPlot.Colors.DarkGoldenRod, ScottPlot.Colors.Teal, ScottPlot.Colors.Brown];

    /// <summary>A grid of panels: a row per pair, its style curves and its palette curves side by side.</summary>
    public static Image<Rgb24> Draw(IReadOnlyList<QualityPair> pairs, IReadOnlyList<QualityConfiguration> configurations, IReadOnlyList<QualityRow> rows)
    {
        var panels = new List<IReadOnlyList<Image<Rgb24>>>();
        foreach (QualityPair pair in pairs)
        {
            panels.Add(
            [
                Panel(pair, configurations, rows, s => 1 - s.Style, "texture reached (1 − style)"),
                Panel(pair, configurations, rows, s => 1 - s.Palette, "palette reached (1 − palette)"),
            ]);
        }

        return ContactSheet.Compose(panels, cellHeight: 360);
    }

    private static Image<Rgb24> Panel(
        QualityPair pair, IReadOnlyList<QualityConfiguration> configurations, IReadOnlyList<QualityRow> rows, Func<QualityScores, double> reached, string label)
    {
        var plot = new ScottPlot.Plot();
        for (int i = 0; i < configurations.Count; i++)
        {
            QualityRow[] curve = rows.Where(r => r.Pair == pair && r.Configuration == configurations[i]).OrderBy(r => r.Strength).ToArray();
            if (curve.Length == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(curve.Select(r => r.Scores.ContentKept).ToArray(), curve.Select(r => reached(r.Scores)).ToArray());
            scatter.LegendText = configurations[i].Name;
            scatter.Color = Colors[i % Colors.Length];
            scatter.MarkerSize = 7;
            scatter.LineWidth = 2;
            foreach (QualityRow row in curve.Where(r => r.Strength == configurations[i].Nominal))
            {
                var nominal = plot.Add.Marker(row.Scores.ContentKept, reached(row.Scores));
                nominal.Color = Colors[i % Colors.Length];
                nominal.Size = 14;
                nominal.Shape = ScottPlot.MarkerShape.OpenCircle;
            }
        }

        plot.Title(pair.Name);
        plot.XLabel("content kept (SSIM of the layout)");
        plot.YLabel(label);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        byte[] png = plot.GetImageBytes(560, 360, ScottPlot.ImageFormat.Png);
        return Image.Load<Rgb24>(png);
    }

    /// <summary>Invariant formatting for labels.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
