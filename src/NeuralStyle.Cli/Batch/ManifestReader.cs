using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Cli.FastStyle;
using NeuralStyle.Cli.Options;
using NeuralStyle.Configuration;
using NeuralStyle.Styles;

namespace NeuralStyle.Cli.Batch;

/// <summary>
/// Binds the entries of a <c>JOBS.jsonl</c> manifest (read by the library's <see cref="Manifest"/>: files,
/// style or model, settings) to the commands' own options: each entry's settings, named as the
/// commands' long options (<c>size</c>, <c>iterations</c>, <c>strength</c>, ...), become a command line
/// parsed by the very options of <c>neural-style</c> (transfers) or <c>neural-style apply</c> (models),
/// so names, values and rules are those of the commands. Every bad line is reported with its number
/// before any work starts.
/// </summary>
internal sealed class ManifestReader
{
    /// <summary>The batch command's own options, set once for the whole batch (one model load, the shard, the output mode), refused on a line.</summary>
    private static readonly HashSet<string> BatchLevel = new(
        BatchCommand.Create(_ => throw new InvalidOperationException("Only the batch command's options are read.")).Options.Select(o => o.Name.TrimStart('-')),
        StringComparer.Ordinal);

    /// <summary>Options of a single run that a batch has no use for (it writes each job's output and nothing else), refused on a line.</summary>
    private static readonly HashSet<string> SingleRunOnly = new(StringComparer.Ordinal) { "save-every" };

    private readonly StyleCommand _style = new();
    private readonly Command _transferLine = new("line");
    private readonly StylizeOptionSet _stylize = new();
    private readonly Command _modelLine = new("line");
    private readonly Argument<string> _photo = new("content");

    public ManifestReader()
    {
        _style.AddTo(_transferLine);
        _modelLine.Arguments.Add(_photo);
        _stylize.AddTo(_modelLine);
        Numbers.UseOn(_transferLine);
        Numbers.UseOn(_modelLine);
    }

    /// <summary>Reads every job of <paramref name="path"/>, and what is wrong with each bad line (the library then checks the good ones, so every problem is reported at once).</summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="BatchValidationException">The manifest has no jobs.</exception>
    /// <exception cref="InvalidDataException">The manifest is UTF-16 (or UTF-32), not UTF-8.</exception>
    public (IReadOnlyList<ManifestLine> Lines, IReadOnlyList<BatchProblem> Problems) Read(string path)
    {
        (IReadOnlyList<ManifestEntry> entries, IReadOnlyList<BatchProblem> bad) = Manifest.Read(path);
        var lines = new List<ManifestLine>(entries.Count);
        var problems = new List<BatchProblem>(bad);
        foreach (ManifestEntry entry in entries)
        {
            var errors = new List<string>();
            if (Bind(entry, errors) is ManifestLine line && errors.Count == 0)
            {
                lines.Add(line);
            }

            problems.AddRange(errors.Select(e => new BatchProblem(entry.Line, e)));
        }

        return (lines, problems.OrderBy(p => p.Line).ToArray());
    }

    /// <summary>The line's settings parsed by its command's options.</summary>
    private ManifestLine? Bind(ManifestEntry entry, List<string> errors)
    {
        string? model = entry.Model is null ? null
            : BuiltInStyles.TryParse(entry.Model, out BuiltInStyle builtIn) ? BuiltInStyles.NameOf(builtIn) : Path.GetFullPath(entry.Model, entry.Folder);
        Command command = model is null ? _transferLine : _modelLine;
        var options = command.Options.ToDictionary(o => o.Name.TrimStart('-'), StringComparer.Ordinal);
        List<string> tokens = [];
        foreach ((string key, JsonElement value) in entry.Settings)
        {
            if (BatchLevel.Contains(key))
            {
                errors.Add($"\"{key}\" is set once for the whole batch: pass --{key} to `neural-style batch` instead.");
            }
            else if (SingleRunOnly.Contains(key))
            {
                errors.Add($"\"{key}\" is for a single run: a batch writes each job's output and nothing else, so leave it out.");
            }
            else if (!options.ContainsKey(key) || key == "output")
            {
                errors.Add($"unknown setting \"{key}\" for a {(model is null ? "style transfer" : "fast-style job")}: use {string.Join(", ", options.Where(o => !o.Value.Hidden).Select(o => o.Key).Where(k => !BatchLevel.Contains(k) && !SingleRunOnly.Contains(k) && k != "output").Order(StringComparer.Ordinal))}.");
            }
            else
            {
                tokens.AddRange(Tokens(key, value, options[key].ValueType, key == "style-mask" ? entry.Folder : null, errors));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        string[] args = model is null ? [entry.Content, .. entry.Styles, "-o", entry.Output, .. tokens] : [entry.Content, .. tokens];
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            errors.AddRange(parsed.Errors.Select(e => e.Message));
            return null;
        }

        return model is null
            ? new ManifestLine(entry.Line, entry.Content, entry.Output) { Transfer = _style.Bind(parsed) }
            : new ManifestLine(entry.Line, entry.Content, entry.Output) { Model = model, Options = _stylize.Read(parsed) };
    }

    /// <summary>
    /// The command-line tokens of one setting: <c>--name value</c>, <c>--name v1 v2</c> for arrays,
    /// <c>--name</c> for true, none for false or null (not given: the option's default). A value of the
    /// wrong kind for the option (<paramref name="valueType"/>) is refused here, in the line's terms.
    /// </summary>
    private static IEnumerable<string> Tokens(string name, JsonElement value, Type valueType, string? pathsRelativeTo, List<string> errors)
    {
        string option = "--" + name;

        if (valueType == typeof(bool) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add($"\"{name}\" is a flag: use true or false (got {Shown(value)}).");
            return [];
        }

        JsonElement[] values = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
        if (Numbers.Expected(valueType) is string number
            && !values.All(v => v.ValueKind is JsonValueKind.Number or JsonValueKind.String && Numbers.Accepts(valueType, Text(v, null))))
        {
            errors.Add($"\"{name}\" must be {number}{(valueType.IsArray ? " or an array of them" : string.Empty)} (got {Shown(value)}).");
            return [];
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return [option];
            case JsonValueKind.False:
                return [];
            case JsonValueKind.Number or JsonValueKind.String:
                return [option, Text(value, pathsRelativeTo)];
            case JsonValueKind.Array when value.GetArrayLength() > 0 && value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.Number or JsonValueKind.String):
                return value.EnumerateArray().Select(v => Text(v, pathsRelativeTo)).Prepend(option).ToArray();
            default:
                errors.Add($"\"{name}\" must be a number, a string, true/false or an array of them (got {value.ValueKind.ToString().ToLowerInvariant()}).");
                return [];
        }
    }

    /// <summary>A suggested setting as a manifest line writes it: <c>"optimizer": "adam"</c>, <c>"size": 512</c>.</summary>
    public static string Suggest(SettingValue suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        string value = double.TryParse(suggestion.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? suggestion.Value : JsonSerializer.Serialize(suggestion.Value);
        return $"\"{suggestion.Description.Key}\": {value}";
    }

    /// <summary>A value as the line wrote it, cut short for a message.</summary>
    private static string Shown(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
    }

    private static string Text(JsonElement value, string? pathsRelativeTo)
    {
        string text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;
        return pathsRelativeTo is null ? text : Path.GetFullPath(text, pathsRelativeTo);
    }
}
