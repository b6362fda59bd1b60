using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.IO;

namespace NeuralStyle.Batch.Manifests;

/// <summary>
/// The batch manifest format, JSONL: one JSON object per line (blank lines skipped), UTF-8, each with
/// <c>content</c> and <c>output</c> (paths), and either <c>style</c> (a path or an array of them: a
/// transfer) or <c>model</c> (a built-in style's name or a model file). Every other key is a setting,
/// named as the command line's options: a transfer's are <see cref="TransferSettingBindings"/>' keys
/// plus <c>preset</c>, <c>style-blend</c> and <c>style-mask</c>; a model's are
/// <see cref="StylizeSettingBindings"/>' keys; <c>null</c> is the default. Relative paths are relative
/// to the manifest's folder. Every bad line is reported with its number, and a hostile line is never
/// buffered whole.
/// </summary>
public static class Manifest
{
    /// <summary>The longest line read, in bytes (a job is a few hundred; a longer line is refused, not buffered).</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>The most problems listed (a file of bad lines would otherwise list millions); the rest are counted.</summary>
    public const int MaxListedProblems = 1000;

    /// <summary>UTF-8's byte order mark, allowed before the first line (not counted in its length).</summary>
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The keys that say what a line is; every other key is a setting.</summary>
    public static IReadOnlySet<string> StructuralKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "content", "style", "model", "output" };

    /// <summary>Reads every line of <paramref name="path"/>, its settings bound, and what is wrong with each bad line.</summary>
    /// <param name="path">The manifest (JSONL, UTF-8).</param>
    /// <param name="options">The host's batch-level keys; null for none.</param>
    /// <returns>The good lines and the bad lines' problems, in line order.</returns>
    /// <exception cref="FileNotFoundException">The manifest does not exist (or is a folder).</exception>
    /// <exception cref="BatchValidationException">The manifest has no jobs.</exception>
    /// <exception cref="InvalidDataException">The manifest is UTF-16 (or UTF-32), not UTF-8.</exception>
    public static (IReadOnlyList<ManifestLine> Lines, IReadOnlyList<BatchProblem> Problems) Read(string path, ManifestReadOptions? options = null)
    {
        options ??= new ManifestReadOptions();
        InputFile.EnsureExists(path, "manifest");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var good = new List<ManifestLine>();
        var problems = new List<BatchProblem>();
        using FileStream stream = File.OpenRead(path);

        // The bytes the file says it has: a device that reads without end (/dev/zero reports 0) has no jobs.
        // A pipe (a manifest on standard input) cannot say, and is read to its end.
        long end = stream.CanSeek ? stream.Length : long.MaxValue;
        int number = 0, unlisted = 0, firstUnlisted = 0;
        void Report(int line, string message)
        {
            if (problems.Count < MaxListedProblems)
            {
                problems.Add(new BatchProblem(line, message));
            }
            else if (unlisted++ == 0)
            {
                firstUnlisted = line;
            }
        }

        while (ReadLine(stream, end) is { } bytes)
        {
            number++;
            ReadOnlySpan<byte> text = number == 1 && bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsSpan(Utf8Bom.Length) : bytes;
            if (number == 1 && text is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            {
                throw new InvalidDataException($"The manifest '{path}' is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8 (in PowerShell: Out-File -Encoding utf8), one JSON object per line.");
            }

            if (text.Length > MaxLineLength)
            {
                Report(number, $"the line is longer than {MaxLineLength} bytes: one job per line, a JSON object of a few paths and settings.");
            }
            else if (Decode(text, out int invalidAt) is not { } line)
            {
                Report(
                    number,
                    $"the line is not valid UTF-8 (byte {invalidAt + 1} is 0x{text[invalidAt]:X2}): save the manifest as UTF-8, and rename any file whose name is not UTF-8 (.NET can neither open nor write such a path).");
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                var errors = new List<string>();
                if (Parse(line, number, new ManifestSettings(options, folder, errors), folder, errors) is ManifestLine bound && errors.Count == 0)
                {
                    good.Add(bound);
                }

                foreach (string error in errors)
                {
                    Report(number, error);
                }
            }
        }

        if (unlisted > 0)
        {
            problems.Add(new BatchProblem(firstUnlisted, $"{unlisted} more problem(s) on this line and later ones are not listed (only the first {MaxListedProblems} are): fix these and read the manifest again."));
        }

        if (good.Count == 0 && problems.Count == 0)
        {
            throw new BatchValidationException($"The manifest '{path}' has no jobs: write one JSON object per line, e.g. {{\"content\": \"photo.jpg\", \"model\": \"style.safetensors\", \"output\": \"out/photo.png\"}}.");
        }

        return (good, problems);
    }

    private static ManifestLine? Parse(string line, int number, ManifestSettings settings, string folder, List<string> errors)
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
            errors.Add($"not valid JSON ({e.Message}): write one JSON object per line.");
            return null;
        }
        catch (InvalidOperationException)
        {
            errors.Add("a string has a \\u escape that is no Unicode text (a lone surrogate such as \\ud800): write paths and values as UTF-8 text.");
            return null;
        }

        if (job.ValueKind != JsonValueKind.Object)
        {
            errors.Add("a job is a JSON object, e.g. {\"content\": \"photo.jpg\", \"style\": \"painting.jpg\", \"output\": \"out.png\"}.");
            return null;
        }

        foreach (string twice in job.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add($"\"{twice}\" is given twice: give each key once.");
        }

        string? content = PathOf(job, "content", folder, errors, required: true);
        string? output = PathOf(job, "output", folder, errors, required: true);
        string[] styles = Given(job, "style", out JsonElement style) ? ManifestPaths.Many(style, "style", folder, errors) ?? [] : [];
        string? model = null;
        if (Given(job, "model", out JsonElement named))
        {
            model = named.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(named.GetString()) ? named.GetString() : null;
            if (model is null)
            {
                errors.Add("\"model\" must be a built-in style's name or a non-empty path string.");
            }
        }

        if (styles.Length == 0 && model is null && !Given(job, "style", out _) && !Given(job, "model", out _))
        {
            errors.Add("give \"style\" (a painting, or an array of them) for a style transfer, or \"model\" (a built-in style's name or a fast-style .safetensors).");
        }
        else if (styles.Length > 0 && model is not null)
        {
            errors.Add("give \"style\" or \"model\", not both: a line is a style transfer or a fast-style job.");
        }

        if (content is null || output is null || errors.Count > 0)
        {
            return null;
        }

        IEnumerable<KeyValuePair<string, JsonElement>> given = job.EnumerateObject()
            .Where(p => !StructuralKeys.Contains(p.Name) && p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => KeyValuePair.Create(p.Name, p.Value));
        return model is null
            ? settings.Transfer(styles, given) is ManifestTransfer transfer ? new ManifestLine { Line = number, Content = content, Output = output, Transfer = transfer } : null
            : settings.Model(model, given) is ManifestModel bound ? new ManifestLine { Line = number, Content = content, Output = output, Model = bound } : null;
    }

    /// <summary>A line's bytes, without its \n or \r\n, cut a few bytes past <see cref="MaxLineLength"/> so a hostile line is never buffered whole; null after the last line or at <paramref name="end"/>.</summary>
    private static byte[]? ReadLine(Stream stream, long end)
    {
        using var line = new MemoryStream();
        int b = -1;
        while ((!stream.CanSeek || stream.Position < end) && (b = stream.ReadByte()) >= 0 && b != '\n')
        {
            // Room for a byte order mark and one byte more than a line may have: enough to tell it is too long.
            if (line.Length <= MaxLineLength + Utf8Bom.Length)
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

        return ManifestPaths.Resolve(value.GetString()!, name, folder, errors);
    }

    /// <summary>Whether <paramref name="job"/> gives <paramref name="name"/>: JSON null is not given (the default), as a missing key.</summary>
    private static bool Given(JsonElement job, string name, out JsonElement value) =>
        job.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
