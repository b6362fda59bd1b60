using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
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
    /// <summary>The largest header accepted (the format's own limit is 100 MB).</summary>
    public const long MaximumHeaderBytes = 100L * 1024 * 1024;

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
            using torch.Tensor cpu = tensor.detach().to(torch.ScalarType.Float32, torch.CPU).contiguous();
            stream.Write(cpu.bytes);
        }
    }

    /// <summary>Reads a file written by <see cref="Write"/> (or any float32 safetensors file).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidWeightsException">It is not a readable float32 safetensors file; the message names each problem.</exception>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, StateDictionary Tensors) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }

        return Read(File.ReadAllBytes(path), $"'{path}'");
    }

    /// <summary>Reads the bytes of a safetensors file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidWeightsException">It is not a readable float32 safetensors file; the message names each problem.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, StateDictionary Tensors) Read(byte[] file, string source)
    {
        if (file.Length < 8)
        {
            throw Invalid(source, $"it is {file.Length} bytes long, too short for a safetensors header (truncated or not a model file)");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaximumHeaderBytes || headerLength > (ulong)(file.Length - 8))
        {
            throw Invalid(source, $"its header claims {headerLength} bytes but the file has {file.Length - 8} after the length (truncated, or not a safetensors file)");
        }

        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"its header is not valid JSON ({e.Message})");
        }

        using (header)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "its header is not a JSON object");
            }

            long dataStart = 8 + (long)headerLength;
            long dataLength = file.Length - dataStart;
            var problems = new List<string>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Key, long[] Shape, long Begin, long End)>();
            foreach (JsonProperty property in header.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, problems);
                }
                else if (TryReadEntry(property, dataLength, problems, out (string, long[], long, long) entry))
                {
                    entries.Add(entry);
                }
            }

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
                metadata[entry.Name] = entry.Value.GetString()!;
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

        long count = dimensions.Aggregate(1L, (product, d) => product * d);
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

    private static InvalidWeightsException Invalid(string source, string problem) =>
        new($"{source} is not a readable float32 safetensors file: {problem}.");
}
