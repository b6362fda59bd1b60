using System.CommandLine;
using System.Text.Json;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.Cli.FastStyle;
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
    /// <summary>The longest line read (a job is a few hundred bytes; a longer line is refused, not buffered).</summary>
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
    }

    /// <summary>Reads every job of <paramref name="path"/>, and what is wrong with each bad line (the library then checks the good ones, so every problem is reported at once).</summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="BatchValidationException">The manifest has no jobs.</exception>
    public (IReadOnlyList<BatchJob> Jobs, IReadOnlyList<BatchProblem> Problems) Read(string path)
    {
        InputFile.EnsureExists(path, "manifest");

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var jobs = new List<BatchJob>();
        var problems = new List<BatchProblem>();
        using var reader = new StreamReader(path);
        int number = 0;
        while (ReadLine(reader) is { } line)
        {
            number++;
            if (line.Length > MaxLineLength)
            {
                problems.Add(new BatchProblem(number, $"the line is longer than {MaxLineLength} characters: one job per line, a JSON object of a few paths and settings."));
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

    /// <summary>A line, cut at <see cref="MaxLineLength"/> + 1 characters so a hostile line is never buffered whole.</summary>
    private static string? ReadLine(StreamReader reader)
    {
        var text = new System.Text.StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n')
        {
            if (text.Length <= MaxLineLength)
            {
                text.Append((char)c);
            }
        }

        return c < 0 && text.Length == 0 ? null : text.ToString().TrimEnd('\r');
    }

    private BatchJob Parse(string line, int number, string folder)
    {
        JsonElement job;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            job = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ManifestLineException($"not valid JSON ({e.Message}): write one JSON object per line.");
        }

        if (job.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestLineException("a job is a JSON object, e.g. {\"content\": \"photo.jpg\", \"style\": \"painting.jpg\", \"output\": \"out.png\"}.");
        }

        var errors = new List<string>();
        string? content = PathOf(job, "content", folder, errors, required: true);
        string? output = PathOf(job, "output", folder, errors, required: true);
        string[] styles = job.TryGetProperty("style", out JsonElement style) ? Paths(style, "style", folder, errors) : [];
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
                tokens.AddRange(Tokens(property, property.Name == "style-mask" ? folder : null, errors));
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
            return new TransferBatchJob
            {
                Line = number,
                Content = bound.Content,
                Output = bound.Output,
                Styles = bound.Styles.Select(s => new BatchStyle(s.Path, s.Weight, s.Mask)).ToArray(),
                Settings = bound.Settings,
            };
        }

        return new FastStyleBatchJob { Line = number, Content = content!, Output = output!, Model = model, Options = _stylize.Read(parsed) };
    }

    private static string? PathOf(JsonElement job, string name, string folder, List<string> errors, bool required)
    {
        if (!job.TryGetProperty(name, out JsonElement value))
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

    /// <summary>The command-line tokens of one setting: <c>--name value</c>, <c>--name v1 v2</c> for arrays, <c>--name</c> for true.</summary>
    private static IEnumerable<string> Tokens(JsonProperty property, string? pathsRelativeTo, List<string> errors)
    {
        string option = "--" + property.Name;
        JsonElement value = property.Value;
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
