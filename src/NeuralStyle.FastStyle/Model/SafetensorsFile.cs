using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.IO;
using TorchSharp;

namespace NeuralStyle.FastStyle.Model;

/// <summary>
/// The <c>.safetensors</c> format (an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range plus a <c>__metadata__</c> map of strings, then the
/// raw little-endian data), float32 tensors only. Reading checks the whole layout before any
/// tensor is made, and names every problem; it never trusts a length it has not checked.
/// </summary>
internal static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Writes <paramref name="tensors"/> (float32) and <paramref name="metadata"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, torch.Tensor>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            foreach ((string key, string value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            long offset = 0;
            foreach ((string key, torch.Tensor tensor) in tensors)
            {
                long bytes = tensor.numel() * sizeof(float);
                json.WriteStartObject(key);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (long dimension in tensor.shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        header.Position = 0;
        header.CopyTo(stream);
        foreach ((_, torch.Tensor tensor) in tensors)
        {
            // The scope holds the intermediates, so none can be finalised while a native call reads it.
            using var scope = torch.NewDisposeScope();
            stream.Write(tensor.detach().to(torch.ScalarType.Float32, torch.CPU).contiguous().bytes);
        }
    }

    /// <summary>Reads a file written by <see cref="Write"/> (or any float32 safetensors file).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidWeightsException">It is not a readable float32 safetensors file; the message names each problem.</exception>
    /// <exception cref="FileNotFoundException">It does not exist, or is a folder.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, StateDictionary Tensors) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        InputFile.EnsureExists(path, "model file");
        string source = $"'{path}'";
        using (FileStream stream = File.OpenRead(path))
        {
            _ = ReadHeaderLength(stream, source);
            if (stream.Length > FastStyleModel.MaximumStreamBytes)
            {
                throw Invalid(source, $"it is {stream.Length} bytes long, more than the {FastStyleModel.MaximumStreamBytes} a fast-style model file may have (not a model file)");
            }
        }

        return Read(File.ReadAllBytes(path), source);
    }

    /// <summary>Reads the bytes of a safetensors file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidWeightsException">It is not a readable float32 safetensors file; the message names each problem.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, StateDictionary Tensors) Read(byte[] file, string source)
    {
        if (file.Length < 8)
        {
            throw TooShort(source, file.Length);
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        CheckHeaderLength(headerLength, file.Length, source);

        using (JsonDocument header = ParseHeader(file.AsMemory(8, (int)headerLength), source))
        {
            long dataStart = 8 + (long)headerLength;
            long dataLength = file.Length - dataStart;
            var problems = new List<string>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Key, long[] Shape, long Begin, long End)>();
            try
            {
                ReadHeader(header.RootElement, dataLength, metadata, entries, problems);
            }
            catch (InvalidOperationException e)
            {
                // A name or string that is not valid UTF-8, or escapes no text (a lone "\ud800"): found by the fuzzing run.
                throw NotText(source, e);
            }

            FindOverlaps(entries, problems);
            if (problems.Count > 0)
            {
                throw Invalid(source, string.Join("; ", problems));
            }

            var tensors = new List<KeyValuePair<string, torch.Tensor>>();
            try
            {
                foreach ((string key, long[] shape, long begin, long end) in entries)
                {
                    float[] values = new float[(end - begin) / sizeof(float)];
                    Buffer.BlockCopy(file, (int)(dataStart + begin), values, 0, (int)(end - begin));
                    tensors.Add(new(key, torch.tensor(values, shape).DetachFromDisposeScope()));
                }
            }
            catch
            {
                foreach ((_, torch.Tensor tensor) in tensors)
                {
                    tensor.Dispose();
                }

                throw;
            }

            return (metadata, new StateDictionary(tensors));
        }
    }

    /// <summary>
    /// Reads only a safetensors file's metadata: its header, not its tensors (a checkpoint's resume
    /// key, before the checkpoint is resumed). The header is checked as <see cref="Read(string)"/> checks it.
    /// </summary>
    /// <exception cref="InvalidWeightsException">The header is not readable; the message says why.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist, or is a folder.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        InputFile.EnsureExists(path, "model file");
        string source = $"'{path}'";
        using FileStream stream = File.OpenRead(path);
        byte[] bytes = new byte[ReadHeaderLength(stream, source)];
        stream.ReadExactly(bytes);
        using JsonDocument header = ParseHeader(bytes, source);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        try
        {
            if (header.RootElement.TryGetProperty(MetadataKey, out JsonElement element))
            {
                ReadMetadata(element, metadata, problems);
            }
        }
        catch (InvalidOperationException e)
        {
            throw NotText(source, e);
        }

        return problems.Count == 0 ? metadata : throw Invalid(source, string.Join("; ", problems));
    }

    /// <summary>The header's JSON, which must be an object.</summary>
    private static JsonDocument ParseHeader(ReadOnlyMemory<byte> bytes, string source)
    {
        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"its header is not valid JSON ({e.Message})");
        }

        if (header.RootElement.ValueKind != JsonValueKind.Object)
        {
            header.Dispose();
            throw Invalid(source, "its header is not a JSON object");
        }

        return header;
    }

    /// <summary>Reads the 8-byte header length from the start of <paramref name="stream"/> and checks it (<see cref="CheckHeaderLength"/>) before anything else is read.</summary>
    private static ulong ReadHeaderLength(FileStream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
        {
            throw TooShort(source, stream.Length);
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        CheckHeaderLength(headerLength, stream.Length, source);
        return headerLength;
    }

    private static InvalidWeightsException NotText(string source, InvalidOperationException e) =>
        Invalid(source, $"its header has a name or value that is not valid text ({e.Message})");

    private static InvalidWeightsException TooShort(string source, long length) =>
        Invalid(source, $"it is {length} bytes long, too short for a safetensors header (truncated or not a model file)");

    /// <summary>The header's metadata and tensor entries, and what is wrong with them.</summary>
    /// <exception cref="InvalidOperationException">A name or string is not valid text.</exception>
    private static void ReadHeader(JsonElement root, long dataLength, Dictionary<string, string> metadata, List<(string Key, long[] Shape, long Begin, long End)> entries, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                problems.Add($"'{property.Name}' appears twice in the header");
            }
            else if (property.Name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata, problems);
            }
            else if (TryReadEntry(property, dataLength, problems, out (string, long[], long, long) entry))
            {
                entries.Add(entry);
            }
        }
    }

    /// <summary>The header's claimed length fits the file (else it is truncated) and the limit (else it is no model's header), checked before anything is read.</summary>
    private static void CheckHeaderLength(ulong claimed, long fileLength, string source)
    {
        if (claimed > (ulong)(fileLength - 8))
        {
            throw Invalid(source, $"its header claims {claimed} bytes but the file has {fileLength - 8} after the length (truncated, or not a safetensors file)");
        }

        if (claimed > SafetensorsRanges.MaxHeaderBytes)
        {
            throw Invalid(source, $"its header claims {claimed} bytes, more than the {SafetensorsRanges.MaxHeaderBytes} a model's header may have (not a fast-style model file)");
        }
    }

    /// <summary>Each tensor's bytes must be its own: two tensors sharing bytes is a hostile or broken file.</summary>
    private static void FindOverlaps(List<(string Key, long[] Shape, long Begin, long End)> entries, List<string> problems) =>
        problems.AddRange(SafetensorsRanges.Overlaps(entries.Select(e => (e.Key, e.Begin, e.End))));

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add("__metadata__ is not an object of strings");
            return;
        }

        foreach (JsonProperty entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String)
            {
                if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                {
                    problems.Add($"metadata '{entry.Name}' appears twice");
                }
            }
            else
            {
                problems.Add($"metadata '{entry.Name}' is not a string");
            }
        }
    }

    private static bool TryReadEntry(JsonProperty property, long dataLength, List<string> problems, out (string Key, long[] Shape, long Begin, long End) entry)
    {
        entry = default;
        string key = property.Name;
        JsonElement value = property.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out JsonElement shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            problems.Add($"tensor '{key}' lacks dtype, shape or data_offsets");
            return false;
        }

        if (dtype.GetString() != "F32")
        {
            problems.Add($"tensor '{key}' has dtype {dtype.GetString()}, expected F32 (float32)");
            return false;
        }

        var dimensions = new List<long>();
        foreach (JsonElement dimension in shape.EnumerateArray())
        {
            if (!dimension.TryGetInt64(out long d) || d < 0 || d > int.MaxValue)
            {
                problems.Add($"tensor '{key}' has an invalid shape");
                return false;
            }

            dimensions.Add(d);
        }

        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            problems.Add($"tensor '{key}' has invalid data_offsets");
            return false;
        }

        if (ElementCount(dimensions, dataLength / sizeof(float)) is not long count)
        {
            problems.Add($"tensor '{key}' has shape [{string.Join(", ", dimensions)}], more elements than the file's {dataLength} bytes of data hold (a truncated file, or a wrong shape)");
            return false;
        }

        if (end - begin != count * sizeof(float))
        {
            problems.Add($"tensor '{key}' spans {end - begin} bytes but its shape [{string.Join(", ", dimensions)}] needs {count * sizeof(float)}");
            return false;
        }

        if (end > dataLength)
        {
            problems.Add($"tensor '{key}' ends at byte {end} but the data is {dataLength} bytes (the file is truncated)");
            return false;
        }

        entry = (key, dimensions.ToArray(), begin, end);
        return true;
    }

    /// <summary>The product of <paramref name="dimensions"/>, or null when it exceeds <paramref name="limit"/> (before it can overflow).</summary>
    private static long? ElementCount(List<long> dimensions, long limit)
    {
        if (dimensions.Contains(0))
        {
            return 0;
        }

        long count = 1;
        foreach (long d in dimensions)
        {
            if (count > limit / d)
            {
                return null;
            }

            count *= d;
        }

        return count;
    }

    private static InvalidWeightsException Invalid(string source, string problem) =>
        new($"{source} is not a readable float32 safetensors file: {problem}.");
}
