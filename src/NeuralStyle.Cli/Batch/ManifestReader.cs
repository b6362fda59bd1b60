using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using System.Text.Unicode;
using NeuralStyle.Batch.Running;
using NeuralStyle.Cli.FastStyle;
using NeuralStyle.Cli.Options;
using NeuralStyle.IO;
using NeuralStyle.Styles;

namespace NeuralStyle.Cli.Batch;

/// <summary>
/// Reads a <c>JOBS.jsonl</c> manifest: one JSON object per line with <c>content</c>, <c>style</c>
/// (a path or an array of paths) or <c>model</c>, <c>output</c>, and per-job settings named as the
/// commands' long options (<c>size</c>, <c>iterations</c>, <c>strength</c>, ...). Each line becomes
/// a command line parsed by the very options of <c>neural-style</c> (transfers) or <c>neural-style
/// apply</c> (models), so names, values and rules are those of the commands. Relative paths are
/// relative to the manifest's folder. Every bad line is reported with its number before any work starts.
/// </summary>
internal sealed class ManifestReader
{
    /// <summary>The longest line read, in bytes (a job is a few hundred; a longer line is refused, not buffered).</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Options set once for the whole batch (one model load), refused on a line.</summary>
    private static readonly HashSet<string> BatchLevel = new(StringComparer.Ordinal)
    {
        "backbone", "weights", "pooling", "device", "threads", "overwrite", "save-every", "json", "quiet", "shard", "shards",
    };

    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal) { "content", "style", "model", "output" };

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
        InputFile.EnsureExists(path, "manifest");

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var jobs = new List<ManifestLine>();
        var problems = new List<BatchProblem>();
        using FileStream stream = File.OpenRead(path);
        int number = 0;
        while (ReadLine(stream) is { } bytes)
        {
            number++;
            ReadOnlySpan<byte> text = number == 1 && bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes.AsSpan(3) : bytes;
            if (number == 1 && text is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            {
                throw new InvalidDataException($"The manifest '{path}' is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8 (in PowerShell: Out-File -Encoding utf8), one JSON object per line.");
            }

            if (text.Length > MaxLineLength)
            {
                problems.Add(new BatchProblem(number, $"the line is longer than {MaxLineLength} bytes: one job per line, a JSON object of a few paths and settings."));
            }
            else if (Decode(text, out int invalidAt) is not { } line)
            {
                problems.Add(new BatchProblem(
                    number,
                    $"the line is not valid UTF-8 (byte {invalidAt + 1} is 0x{text[invalidAt]:X2}): save the manifest as UTF-8, and rename any file whose name is not UTF-8 (.NET can neither open nor write such a path)."));
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                try
                {
                    jobs.Add(Parse(line, number, folder));
                }
                catch (ManifestLineException e)
                {
                    problems.AddRange(e.Messages.Select(m => new BatchProblem(number, m)));
                }
            }
        }

        if (jobs.Count == 0 && problems.Count == 0)
        {
            throw new BatchValidationException($"The manifest '{path}' has no jobs: write one JSON object per line, e.g. {{\"content\": \"photo.jpg\", \"model\": \"style.safetensors\", \"output\": \"out/photo.png\"}}.");
        }

        return (jobs, problems);
    }

    /// <summary>A line's bytes, without its \n or \r\n, cut at <see cref="MaxLineLength"/> + 1 bytes so a hostile line is never buffered whole; null after the last line.</summary>
    private static byte[]? ReadLine(Stream stream)
    {
        using var line = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (line.Length <= MaxLineLength)
            {
                line.WriteByte((byte)b);
            }
        }

        if (b < 0 && line.Length == 0)
        {
            return null;
        }

        byte[] bytes = line.ToArray();
        return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
    }

    /// <summary>
    /// The text of a line, or null when it is not valid UTF-8, with the offset of the first byte that
    /// is not (decoding would turn it into U+FFFD, and a path with it into one that does not exist).
    /// </summary>
    private static string? Decode(ReadOnlySpan<byte> bytes, out int invalidAt)
    {
        char[] chars = new char[bytes.Length];
        OperationStatus status = Utf8.ToUtf16(bytes, chars, out invalidAt, out int written, replaceInvalidSequences: false);
        return status == OperationStatus.Done ? new string(chars, 0, written) : null;
    }

    /// <summary>Reads every key and string once: JSON allows escapes of lone surrogates (<c>\ud800</c>), which no .NET string read from it can hold (<see cref="JsonElement.GetString"/> throws).</summary>
    /// <exception cref="InvalidOperationException">A key or string is such an escape.</exception>
    private static void EnsureStringsAreUnicode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    _ = property.Name;
                    EnsureStringsAreUnicode(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    EnsureStringsAreUnicode(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private ManifestLine Parse(string line, int number, string folder)
    {
        JsonElement job;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            job = document.RootElement.Clone();
            EnsureStringsAreUnicode(job);
        }
        catch (JsonException e)
        {
            throw new ManifestLineException($"not valid JSON ({e.Message}): write one JSON object per line.");
        }
        catch (InvalidOperationException)
        {
            throw new ManifestLineException("a string has a \\u escape that is no Unicode text (a lone surrogate such as \\ud800): write paths and values as UTF-8 text.");
        }

        if (job.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestLineException("a job is a JSON object, e.g. {\"content\": \"photo.jpg\", \"style\": \"painting.jpg\", \"output\": \"out.png\"}.");
        }

        var errors = new List<string>();
        string? content = PathOf(job, "content", folder, errors, required: true);
        string? output = PathOf(job, "output", folder, errors, required: true);
        string[] styles = Given(job, "style", out JsonElement style) ? Paths(style, "style", folder, errors) : [];
        string? model = BuiltInStyles.TryParse(job.TryGetProperty("model", out JsonElement named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null, out BuiltInStyle builtIn)
            ? BuiltInStyles.NameOf(builtIn)
            : PathOf(job, "model", folder, errors, required: false);
        if (styles.Length == 0 && model is null)
        {
            errors.Add("give \"style\" (a painting, or an array of them) for a style transfer, or \"model\" (a built-in style's name or a fast-style .safetensors).");
        }
        else if (styles.Length > 0 && model is not null)
        {
            errors.Add("give \"style\" or \"model\", not both: a line is a style transfer or a fast-style job.");
        }

        Command command = model is null ? _transferLine : _modelLine;
        var options = command.Options.ToDictionary(o => o.Name.TrimStart('-'), StringComparer.Ordinal);
        List<string> tokens = [];
        foreach (JsonProperty property in job.EnumerateObject().Where(p => !Structural.Contains(p.Name)))
        {
            if (BatchLevel.Contains(property.Name))
            {
                errors.Add($"\"{property.Name}\" is set once for the whole batch (one model load): pass --{property.Name} to `neural-style batch` instead.");
            }
            else if (!options.ContainsKey(property.Name) || property.Name == "output")
            {
                errors.Add($"unknown setting \"{property.Name}\" for a {(model is null ? "style transfer" : "fast-style job")}: use {string.Join(", ", options.Keys.Where(k => !BatchLevel.Contains(k) && k != "output").Order(StringComparer.Ordinal))}.");
            }
            else
            {
                tokens.AddRange(Tokens(property, options[property.Name].ValueType, property.Name == "style-mask" ? folder : null, errors));
            }
        }

        if (errors.Count > 0)
        {
            throw new ManifestLineException(errors);
        }

        string[] args = model is null ? [content!, .. styles, "-o", output!, .. tokens] : [content!, .. tokens];
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            throw new ManifestLineException(parsed.Errors.Select(e => e.Message));
        }

        if (model is null)
        {
            StyleJob bound = _style.Bind(parsed);
            return new ManifestLine(number, bound.Content, bound.Output) { Transfer = bound };
        }

        return new ManifestLine(number, content!, output!) { Model = model, Options = _stylize.Read(parsed) };
    }

    private static string? PathOf(JsonElement job, string name, string folder, List<string> errors, bool required)
    {
        if (!Given(job, name, out JsonElement value))
        {
            if (required)
            {
                errors.Add($"\"{name}\" is missing: give the {(name == "content" ? "photo" : "result")}'s path.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"\"{name}\" must be a non-empty path string.");
            return null;
        }

        return Path.GetFullPath(value.GetString()!, folder);
    }

    /// <summary>Whether <paramref name="job"/> gives <paramref name="name"/>: JSON null is not given (the default), as a missing key.</summary>
    private static bool Given(JsonElement job, string name, out JsonElement value) =>
        job.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string[] Paths(JsonElement value, string name, string folder, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return [Path.GetFullPath(value.GetString()!, folder)];
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())))
        {
            return value.EnumerateArray().Select(v => Path.GetFullPath(v.GetString()!, folder)).ToArray();
        }

        errors.Add($"\"{name}\" must be a path or a non-empty array of paths.");
        return [];
    }

    /// <summary>
    /// The command-line tokens of one setting: <c>--name value</c>, <c>--name v1 v2</c> for arrays,
    /// <c>--name</c> for true, none for false or null (not given: the option's default). A value of the
    /// wrong kind for the option (<paramref name="valueType"/>) is refused here, in the line's terms.
    /// </summary>
    private static IEnumerable<string> Tokens(JsonProperty property, Type valueType, string? pathsRelativeTo, List<string> errors)
    {
        string option = "--" + property.Name;
        JsonElement value = property.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (valueType == typeof(bool) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add($"\"{property.Name}\" is a flag: use true or false (got {Shown(value)}).");
            return [];
        }

        JsonElement[] values = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
        if (Numbers.Expected(valueType) is string number
            && !values.All(v => v.ValueKind is JsonValueKind.Number or JsonValueKind.String && Numbers.Accepts(valueType, Text(v, null))))
        {
            errors.Add($"\"{property.Name}\" must be {number}{(valueType.IsArray ? " or an array of them" : string.Empty)} (got {Shown(value)}).");
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
                errors.Add($"\"{property.Name}\" must be a number, a string, true/false or an array of them (got {value.ValueKind.ToString().ToLowerInvariant()}).");
                return [];
        }
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

    /// <summary>What is wrong with one line.</summary>
    private sealed class ManifestLineException : Exception
    {
        public ManifestLineException(string message)
            : this([message])
        {
        }

        public ManifestLineException(IEnumerable<string> messages)
            : base(string.Join("; ", messages)) => Messages = messages.ToArray();

        public IReadOnlyList<string> Messages { get; }
    }
}
