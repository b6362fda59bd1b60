using System.Runtime.InteropServices;
using NeuralStyle.Features;

namespace NeuralStyle.ResNet18.Onnx;

/// <summary>
/// Reads an ONNX <c>ModelProto</c> (graph nodes, inputs, outputs, float initializers stored as
/// <c>float_data</c> or <c>raw_data</c>). Anything malformed, truncated or of an unsupported tensor
/// type raises <see cref="InvalidWeightsException"/> naming the file.
/// </summary>
internal static class OnnxModelReader
{
    /// <summary>Files larger than this are refused before reading (ResNet18.onnx is 64 MB).</summary>
    public const long MaxFileBytes = 1L << 30;

    private const int FloatDataType = 1;

    public static OnnxModel Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InvalidWeightsException($"'{path}' is {info.Length} bytes, more than the {MaxFileBytes} allowed for an ONNX model: is it the right file?");
        }

        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes);
        }
        catch (FormatException e)
        {
            throw new InvalidWeightsException($"'{path}' is not a readable ONNX model: {e.Message}", e);
        }
    }

    public static OnnxModel Parse(ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Reading ONNX weights requires a little-endian machine.");
        }

        string producer = string.Empty, version = string.Empty;
        OnnxModel? graph = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadField(out int field))
        {
            switch (field)
            {
                case 2: producer = reader.ReadString(); break;
                case 3: version = reader.ReadString(); break;
                case 7: graph = ParseGraph(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        if (graph is null)
        {
            throw new FormatException("the file holds no ONNX graph");
        }

        return graph with { Producer = $"{producer} {version}".Trim() };
    }

    private static OnnxModel ParseGraph(ReadOnlySpan<byte> bytes)
    {
        var nodes = new List<OnnxNode>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var reader = new ProtoReader(bytes);
        while (reader.TryReadField(out int field))
        {
            switch (field)
            {
                case 1: nodes.Add(ParseNode(reader.ReadBytes())); break;
                case 5:
                    OnnxTensor tensor = ParseTensor(reader.ReadBytes());
                    initializers[tensor.Name] = tensor;
                    break;
                case 11: inputs.Add(ParseValueInfoName(reader.ReadBytes())); break;
                case 12: outputs.Add(ParseValueInfoName(reader.ReadBytes())); break;
                default: reader.Skip(); break;
            }
        }

        return new OnnxModel(string.Empty, nodes, inputs, outputs, initializers);
    }

    private static OnnxNode ParseNode(ReadOnlySpan<byte> bytes)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        string name = string.Empty, opType = string.Empty;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadField(out int field))
        {
            switch (field)
            {
                case 1: inputs.Add(reader.ReadString()); break;
                case 2: outputs.Add(reader.ReadString()); break;
                case 3: name = reader.ReadString(); break;
                case 4: opType = reader.ReadString(); break;
                case 5:
                    (string key, OnnxAttribute value) = ParseAttribute(reader.ReadBytes());
                    attributes[key] = value;
                    break;
                default: reader.Skip(); break;
            }
        }

        return new OnnxNode(opType, name, inputs, outputs, attributes);
    }

    private static (string Name, OnnxAttribute Value) ParseAttribute(ReadOnlySpan<byte> bytes)
    {
        string name = string.Empty;
        string? text = null;
        float? single = null;
        var ints = new List<long>();
        var reader = new ProtoReader(bytes);
        while (reader.TryReadField(out int field))
        {
            switch (field)
            {
                case 1: name = reader.ReadString(); break;
                case 2: single = reader.ReadFloat(); break;
                case 3: ints.Add(reader.ReadInt64()); break;
                case 4: text = reader.ReadString(); break;
                case 8: reader.ReadInt64s(ints); break;
                default: reader.Skip(); break;
            }
        }

        return (name, new OnnxAttribute(ints, single, text));
    }

    private static OnnxTensor ParseTensor(ReadOnlySpan<byte> bytes)
    {
        var dims = new List<long>();
        string name = string.Empty;
        long dataType = 0;
        float[]? values = null;
        var reader = new ProtoReader(bytes);
        while (reader.TryReadField(out int field))
        {
            switch (field)
            {
                case 1: reader.ReadInt64s(dims); break;
                case 2: dataType = reader.ReadInt64(); break;
                case 4: values = ReadPackedFloats(ref reader); break;
                case 8: name = reader.ReadString(); break;
                case 9: values = RawFloats(reader.ReadBytes(), name); break;
                default: reader.Skip(); break;
            }
        }

        if (dataType != FloatDataType)
        {
            throw new FormatException($"initializer '{name}' has ONNX data type {dataType}; only float32 (1) is supported");
        }

        long expected = dims.Aggregate(1L, (a, d) => d < 0 ? throw new FormatException($"initializer '{name}' has a negative dimension")
            : d != 0 && a > long.MaxValue / d ? throw new FormatException($"initializer '{name}' has a shape [{string.Join(", ", dims)}] of more elements than a file holds")
            : a * d);
        if (values is null || values.LongLength != expected)
        {
            throw new FormatException($"initializer '{name}' of shape [{string.Join(", ", dims)}] holds {values?.Length ?? 0} values instead of {expected} (truncated file?)");
        }

        return new OnnxTensor(name, dims.ToArray(), values);
    }

    private static float[] ReadPackedFloats(ref ProtoReader reader)
    {
        ReadOnlySpan<byte> packed = reader.ReadBytes();
        if (packed.Length % sizeof(float) != 0)
        {
            throw new FormatException("packed float_data whose length is not a multiple of 4");
        }

        return MemoryMarshal.Cast<byte, float>(packed).ToArray();
    }

    private static string ParseValueInfoName(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes);
        while (reader.TryReadField(out int field))
        {
            if (field == 1)
            {
                return reader.ReadString();
            }

            reader.Skip();
        }

        return string.Empty;
    }

    /// <summary>An initializer's raw_data as floats: a whole number of them, or the file is corrupt.</summary>
    private static float[] RawFloats(ReadOnlySpan<byte> raw, string name) =>
        raw.Length % sizeof(float) == 0
            ? MemoryMarshal.Cast<byte, float>(raw).ToArray()
            : throw new FormatException($"initializer '{name}' has {raw.Length} bytes of raw data, not a whole number of float32 values");
}
