using System.Globalization;

namespace NeuralStyle.Benchmarks.Support;

/// <summary>One configuration of a fresh-process memory/speed probe, and its command line.</summary>
internal sealed record ProbeRequest(BackboneKind Backbone, int Size, int? Tile, int Evaluations = MemoryReport.Evaluations)
{
    /// <summary>The arguments after <c>rss-probe</c>: backbone, size, tile (0 for none), evaluations.</summary>
    public string[] ToArguments() =>
    [
        Backbone.ToString(),
        Size.ToString(CultureInfo.InvariantCulture),
        (Tile ?? 0).ToString(CultureInfo.InvariantCulture),
        Evaluations.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Parses <see cref="ToArguments"/>' output (tile and evaluations may be left out).</summary>
    public static ProbeRequest Parse(IReadOnlyList<string> arguments)
    {
        int Number(int index, int fallback) => arguments.Count > index ? int.Parse(arguments[index], CultureInfo.InvariantCulture) : fallback;
        int tile = Number(2, 0);
        return new ProbeRequest(Enum.Parse<BackboneKind>(arguments[0]), Number(1, 0), tile > 0 ? tile : null, Number(3, MemoryReport.Evaluations));
    }
}
