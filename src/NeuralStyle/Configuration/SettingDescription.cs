using System.Globalization;

namespace NeuralStyle.Configuration;

/// <summary>
/// One setting, described once: the key every host names it by, where it lives in the API, what it
/// does, its default and the values it accepts. The command line's options (<c>--key</c>), a batch
/// manifest's keys, the service's configuration keys, validation messages and the documentation's
/// tables are all produced from it.
/// </summary>
public sealed record SettingDescription
{
    /// <summary>The setting a <see cref="ConfigurationProblem"/> names.</summary>
    public required Setting Setting { get; init; }

    /// <summary>The key hosts name it by, in kebab case: the command line's <c>--key</c>, a manifest line's <c>"key"</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Other spellings hosts accept for <see cref="Key"/> (e.g. <c>lr</c> for <c>learning-rate</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Where the setting lives in the API, e.g. <c>ObjectiveSettings.StyleStrength</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the setting does, in one or two sentences.</summary>
    public required string Help { get; init; }

    /// <summary>The default, as hosts show it (read from the library's default settings).</summary>
    public required string Default { get; init; }

    /// <summary>The numbers accepted, for a numeric setting; null otherwise.</summary>
    public ValueRange? Range { get; init; }

    /// <summary>The values accepted, for a setting that is not a number (names, a flag); null for a number.</summary>
    public string? Values { get; init; }

    /// <summary>How to put a bad value right.</summary>
    public string Fix { get; init; } = string.Empty;

    /// <summary>The values accepted, as a reader needs them: <see cref="Range"/>'s text or <see cref="Values"/>.</summary>
    public string Valid => Range?.ToString() ?? Values ?? "any";

    /// <summary>The key in Microsoft.Extensions.Configuration (and the record's property): <see cref="Name"/>'s last part.</summary>
    public string ConfigurationKey => Name[(Name.LastIndexOf('.') + 1)..];

    /// <summary>The problem <see cref="Check"/> would record for <paramref name="value"/> (with <see cref="Fix"/>); null when it is in <see cref="Range"/>.</summary>
    /// <param name="value">The value given.</param>
    /// <exception cref="InvalidOperationException">The setting is not numeric.</exception>
    public ConfigurationProblem? ProblemWith(double value)
    {
        var problems = new ProblemList();
        Check(problems, value);
        return problems.IsEmpty ? null : problems.Items[0];
    }

    /// <summary>Records a problem unless <paramref name="value"/> is in <see cref="Range"/>: "<see cref="Name"/> must be ... (got ...)", then <see cref="Fix"/>.</summary>
    /// <param name="problems">Where the problem is recorded.</param>
    /// <param name="value">The value given.</param>
    /// <param name="fix">A fix that says more than <see cref="Fix"/> in this context (e.g. the default of the optimiser in force); null for <see cref="Fix"/>.</param>
    /// <exception cref="InvalidOperationException">The setting is not numeric.</exception>
    public void Check(ProblemList problems, double value, string? fix = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ValueRange range = Range ?? throw new InvalidOperationException($"{Name} is not a number.");
        problems.Require(range.Contains(value), Setting, string.Create(CultureInfo.InvariantCulture, $"{Name} must be {range} (got {value})."), fix ?? Fix);
    }
}
