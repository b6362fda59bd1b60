using System.Globalization;
using System.Text.Json;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Styles;
using NeuralStyle.Transfer;

namespace NeuralStyle.Batch.Manifests;

/// <summary>
/// Binds a manifest line's settings (every key but the structural ones) through the library's
/// bindings: a transfer's through <see cref="TransferSettingBindings"/> (plus <c>preset</c>,
/// <c>style-blend</c> and <c>style-mask</c>), a model's through <see cref="StylizeSettingBindings"/>.
/// Keys, values and the rules between them are the command line's; a value of the wrong kind is
/// refused here, in the line's terms, and the values themselves when the stylizer is built.
/// </summary>
internal sealed class ManifestSettings
{
    private readonly ManifestReadOptions _options;
    private readonly string _folder;
    private readonly List<string> _errors;

    /// <param name="options">The host's batch-level keys.</param>
    /// <param name="folder">The manifest's folder, against which paths are resolved.</param>
    /// <param name="errors">Where the line's problems go.</param>
    public ManifestSettings(ManifestReadOptions options, string folder, List<string> errors)
    {
        _options = options;
        _folder = folder;
        _errors = errors;
    }

    /// <summary>A transfer of <paramref name="styles"/> with <paramref name="settings"/> bound; null when a setting is wrong.</summary>
    public ManifestTransfer? Transfer(IReadOnlyList<string> styles, IEnumerable<KeyValuePair<string, JsonElement>> settings)
    {
        StylePreset preset = StylePreset.Default;
        double[]? weights = null;
        string[]? masks = null;
        var given = new Dictionary<SettingBinding<StyleTransferSettings>, string>();
        string[] extra = [SettingDescriptions.Preset.Key, SettingDescriptions.StyleBlendWeight.Key, SettingDescriptions.StyleMask.Key];
        foreach ((string key, JsonElement value) in settings)
        {
            if (key == SettingDescriptions.Preset.Key)
            {
                if (value.ValueKind == JsonValueKind.String && StylePreset.TryParse(value.GetString(), out StylePreset? named))
                {
                    preset = named;
                }
                else
                {
                    _errors.Add($"\"{key}\" must be one of {SettingDescriptions.Preset.Values} (got {Shown(value)}).");
                }
            }
            else if (key == SettingDescriptions.StyleBlendWeight.Key)
            {
                weights = Weights(key, value);
            }
            else if (key == SettingDescriptions.StyleMask.Key)
            {
                masks = ManifestPaths.Many(value, key, _folder, _errors);
            }
            else
            {
                Collect(key, value, TransferSettingBindings.All, extra, given, "style transfer", _ => null);
            }
        }

        foreach (string conflict in TransferSettingBindings.Conflicts(b => IsSet(given, b), d => $"\"{d.Key}\""))
        {
            _errors.Add(conflict);
        }

        CountPerStyle(SettingDescriptions.StyleBlendWeight, weights?.Length, styles.Count, "weight");
        CountPerStyle(SettingDescriptions.StyleMask, masks?.Length, styles.Count, "mask");
        return _errors.Count > 0
            ? null
            : new ManifestTransfer(
                [.. styles.Select((path, i) => StyleInput.FromFile(path, weights?[i] ?? 1, masks?[i]))],
                Apply(preset.Settings, TransferSettingBindings.All, given));
    }

    /// <summary><paramref name="model"/> (a built-in style's name or a path, resolved against the manifest's folder) with <paramref name="settings"/> bound; null when a setting is wrong.</summary>
    public ManifestModel? Model(string model, IEnumerable<KeyValuePair<string, JsonElement>> settings)
    {
        var given = new Dictionary<SettingBinding<StylizeOptions>, string>();
        foreach ((string key, JsonElement value) in settings)
        {
            Collect(key, value, StylizeSettingBindings.All, [], given, "fast-style job", k => StylizeSettingBindings.TransferKeyProblem(k, name => $"\"{name}\""));
        }

        string? name = BuiltInStyles.TryParse(model, out BuiltInStyle builtIn) ? BuiltInStyles.NameOf(builtIn) : ManifestPaths.Resolve(model, "model", _folder, _errors);
        return _errors.Count > 0 || name is null ? null : new ManifestModel(name, Apply(StylizeOptions.Default, StylizeSettingBindings.All, given));
    }

    /// <summary>A suggested setting as a manifest line writes it: <c>"optimizer": "adam"</c>, <c>"size": 512</c>.</summary>
    public static string Suggest(SettingValue suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        string value = double.TryParse(suggestion.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? suggestion.Value : JsonSerializer.Serialize(suggestion.Value);
        return $"\"{suggestion.Description.Key}\": {value}";
    }

    /// <summary>The settings with each given value applied, in the bindings' order (an optimiser's kind before its learning rate).</summary>
    private static TSettings Apply<TSettings>(TSettings start, IReadOnlyList<SettingBinding<TSettings>> bindings, Dictionary<SettingBinding<TSettings>, string> given) =>
        bindings.Aggregate(start, (settings, binding) => given.TryGetValue(binding, out string? text) && binding.TryApply(settings, text, out TSettings applied) ? applied : settings);

    private static bool IsSet<TSettings>(Dictionary<SettingBinding<TSettings>, string> given, SettingBinding<TSettings> binding) =>
        given.TryGetValue(binding, out string? text) && (!binding.IsFlag || text == "true");

    /// <summary>
    /// Records <paramref name="key"/>'s value as text for its binding, or what is wrong with the key
    /// (one the host sets, an unknown one, with <paramref name="elsewhere"/>'s pointer to the key the
    /// line means, a setting given twice through an alias) or with the value.
    /// </summary>
    private void Collect<TSettings>(
        string key,
        JsonElement value,
        IReadOnlyList<SettingBinding<TSettings>> bindings,
        string[] extra,
        Dictionary<SettingBinding<TSettings>, string> given,
        string kind,
        Func<string, string?> elsewhere)
    {
        if (_options.BatchLevelKeys.TryGetValue(key, out string? instead))
        {
            _errors.Add($"\"{key}\" is set once for the whole batch: {instead}.");
        }
        else if (key == SettingDescriptions.SnapshotEvery.Key)
        {
            _errors.Add($"\"{key}\" is for a single run: a batch writes each job's output and nothing else, so leave it out.");
        }
        else if (bindings.FirstOrDefault(b => b.IsNamed(key)) is not SettingBinding<TSettings> binding)
        {
            string known = string.Join(", ", bindings.Select(b => b.Description.Key).Concat(extra).Order(StringComparer.Ordinal));
            _errors.Add(elsewhere(key) ?? $"unknown setting \"{key}\" for a {kind}: use {known}.");
        }
        else if (given.ContainsKey(binding))
        {
            _errors.Add($"\"{key}\" sets {binding.Description.Key}, which the line gives already: give it once.");
        }
        else if (binding.ValueType == typeof(bool))
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                given[binding] = value.ValueKind == JsonValueKind.True ? "true" : "false";
            }
            else
            {
                _errors.Add($"\"{key}\" is a flag: use true or false (got {Shown(value)}).");
            }
        }
        else if (value.ValueKind is JsonValueKind.Number or JsonValueKind.String && Text(value) is string text && binding.Accepts(text))
        {
            given[binding] = text;
        }
        else
        {
            _errors.Add($"\"{key}\" must be {binding.Expected} (got {Shown(value)}).");
        }
    }

    private double[]? Weights(string key, JsonElement value)
    {
        JsonElement[] items = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
        var weights = new List<double>();
        foreach (JsonElement item in items)
        {
            if (item.ValueKind is JsonValueKind.Number or JsonValueKind.String && SettingText.TryParse(Text(item), out double weight))
            {
                weights.Add(weight);
            }
            else
            {
                _errors.Add($"\"{key}\" must be {SettingText.Expected(typeof(double))} or an array of them (got {Shown(value)}).");
                return null;
            }
        }

        return [.. weights];
    }

    private void CountPerStyle(SettingDescription description, int? count, int styles, string unit)
    {
        if (count is int given && TransferSettingBindings.PerStyleProblem($"\"{description.Key}\"", given, styles, unit) is string problem)
        {
            _errors.Add(problem);
        }
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;

    /// <summary>A value as the line wrote it, cut short for a message.</summary>
    private static string Shown(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
    }
}
