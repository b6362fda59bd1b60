using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Options;

/// <summary>
/// The documentation's tables of settings, made from the <see cref="SettingDescription"/>s the
/// options are made from (a test keeps docs/options.md and docs/fast-style.md equal to them).
/// </summary>
internal static class SettingsTable
{
    /// <summary>A Markdown table: option (and manifest key, for commands a manifest line can be), API name, default, valid values, what it does.</summary>
    public static string Markdown(IEnumerable<SettingDescription> settings, bool manifestKeys)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IEnumerable<string> rows = settings.Select(d =>
            $"| `{DescribedOptions.NameOf(d)}`{string.Concat(d.Aliases.Select(a => $", `--{a}`"))} |{(manifestKeys ? $" `\"{d.Key}\"` |" : string.Empty)} `{d.Name}` | {Cell(d.Default)} | {Cell(d.Valid)} | {Cell(d.Help)} |");
        string[] head = manifestKeys
            ? ["| option | manifest key | API | default | valid | what it does |", "|---|---|---|---|---|---|"]
            : ["| option | API | default | valid | what it does |", "|---|---|---|---|---|"];
        return string.Join('\n', [.. head, .. rows]);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
