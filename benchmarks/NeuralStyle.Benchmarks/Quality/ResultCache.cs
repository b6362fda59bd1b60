using System.Text.Json;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// Keeps each result's scores and cost beside its image (<c>NAME.png.json</c>) so that
/// <c>quality --resume</c> continues an interrupted run instead of styling everything again.
/// </summary>
internal static class ResultCache
{
    private sealed record Entry(double Style, double Palette, double ContentKept, double Seconds, int Evaluations);

    /// <summary>Records <paramref name="row"/>, whose image was saved at <paramref name="image"/>.</summary>
    public static void Write(string image, QualityRow row) =>
        File.WriteAllText(image + ".json", JsonSerializer.Serialize(
            new Entry(row.Scores.Style, row.Scores.Palette, row.Scores.ContentKept, row.Seconds, row.Evaluations)));

    /// <summary>The row recorded for the image at <paramref name="image"/>, or null when there is none.</summary>
    public static QualityRow? TryRead(string image, QualityPair pair, QualityConfiguration configuration, double strength)
    {
        string path = image + ".json";
        if (!File.Exists(image) || !File.Exists(path))
        {
            return null;
        }

        Entry? entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path));
        return entry is null
            ? null
            : new QualityRow(pair, configuration, strength, new QualityScores(entry.Style, entry.Palette, entry.ContentKept), entry.Seconds, entry.Evaluations);
    }
}
