using System.Globalization;

namespace NeuralStyle.Configuration;

/// <summary>The numbers a setting accepts: finite numbers in an interval whose ends may be excluded.</summary>
/// <param name="Minimum">The lowest value.</param>
/// <param name="Maximum">The highest value; positive infinity for none.</param>
/// <param name="MinimumExcluded">Whether <paramref name="Minimum"/> itself is refused.</param>
/// <param name="MaximumExcluded">Whether <paramref name="Maximum"/> itself is refused.</param>
/// <param name="Whole">Whether the setting is a whole number (for the text; the type enforces it).</param>
public sealed record ValueRange(double Minimum, double Maximum = double.PositiveInfinity, bool MinimumExcluded = false, bool MaximumExcluded = false, bool Whole = false)
{
    /// <summary>Whether <paramref name="value"/> is finite and inside the interval.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value)
        && (MinimumExcluded ? value > Minimum : value >= Minimum)
        && (MaximumExcluded ? value < Maximum : value <= Maximum);

    /// <summary>The range as a reader needs it, e.g. <c>a finite number from 0 to 1</c>, <c>a whole number of at least 1</c>.</summary>
    public override string ToString()
    {
        string kind = Whole ? "a whole number" : "a finite number";
        string low = MinimumExcluded ? $"greater than {Text(Minimum)}" : $"of at least {Text(Minimum)}";
        if (double.IsPositiveInfinity(Maximum))
        {
            return $"{kind} {low}";
        }

        return !MinimumExcluded && !MaximumExcluded
            ? $"{kind} from {Text(Minimum)} to {Text(Maximum)}"
            : $"{kind} {low} and {(MaximumExcluded ? "below" : "at most")} {Text(Maximum)}";
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
