using System.Text;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>
/// Rewrites an ONNX model so that ONNX Runtime accepts any input size and returns intermediate
/// values: the graph's input gets symbolic dimensions, the fixed-size value_info entries are
/// dropped, and the requested values become graph outputs. Works on the wire format directly.
/// </summary>
internal static class OnnxModelEditor
{
    private const int GraphField = 7;
    private const int GraphInputField = 11;
    private const int GraphOutputField = 12;
    private const int GraphValueInfoField = 13;

    public static byte[] WithDynamicInputAndOutputs(byte[] model, string inputName, IEnumerable<string> outputs)
    {
        using var result = new MemoryStream();
        foreach (RawField field in Fields(model))
        {
            if (field.Number != GraphField)
            {
                result.Write(field.Whole.Span);
                continue;
            }

            using var graph = new MemoryStream();
            foreach (RawField graphField in Fields(field.Payload))
            {
                if (graphField.Number is not (GraphInputField or GraphOutputField or GraphValueInfoField))
                {
                    graph.Write(graphField.Whole.Span);
                }
            }

            WriteMessage(graph, GraphInputField, ValueInfo(inputName, ["N", "C", "H", "W"]));
            foreach (string output in outputs)
            {
                WriteMessage(graph, GraphOutputField, ValueInfo(output, null));
            }

            WriteMessage(result, GraphField, graph.ToArray());
        }

        return result.ToArray();
    }

    private static byte[] ValueInfo(string name, string[]? symbolicDims)
    {
        using var tensorType = new MemoryStream();
        WriteVarintField(tensorType, 1, 1);
        if (symbolicDims is not null)
        {
            using var shape = new MemoryStream();
            foreach (string dim in symbolicDims)
            {
                using var dimension = new MemoryStream();
                WriteMessage(dimension, 2, Encoding.UTF8.GetBytes(dim));
                WriteMessage(shape, 1, dimension.ToArray());
            }

            WriteMessage(tensorType, 2, shape.ToArray());
        }

        using var type = new MemoryStream();
        WriteMessage(type, 1, tensorType.ToArray());
        using var info = new MemoryStream();
        WriteMessage(info, 1, Encoding.UTF8.GetBytes(name));
        WriteMessage(info, 2, type.ToArray());
        return info.ToArray();
    }

    private static void WriteMessage(Stream stream, int field, byte[] payload)
    {
        WriteVarint(stream, ((ulong)field << 3) | 2);
        WriteVarint(stream, (ulong)payload.Length);
        stream.Write(payload);
    }

    private static void WriteVarintField(Stream stream, int field, ulong value)
    {
        WriteVarint(stream, (ulong)field << 3);
        WriteVarint(stream, value);
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    private static IEnumerable<RawField> Fields(ReadOnlyMemory<byte> data)
    {
        int position = 0;
        while (position < data.Length)
        {
            int start = position;
            ulong key = ReadVarint(data.Span, ref position);
            int wireType = (int)(key & 7);
            int payloadStart = position, payloadLength;
            switch (wireType)
            {
                case 0: ReadVarint(data.Span, ref position); payloadLength = position - payloadStart; break;
                case 1: payloadLength = 8; break;
                case 5: payloadLength = 4; break;
                case 2:
                    payloadLength = (int)ReadVarint(data.Span, ref position);
                    payloadStart = position;
                    break;
                default: throw new FormatException($"wire type {wireType}");
            }

            position = payloadStart + payloadLength;
            yield return new RawField((int)(key >> 3), data[start..position], data.Slice(payloadStart, payloadLength));
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }

    private readonly record struct RawField(int Number, ReadOnlyMemory<byte> Whole, ReadOnlyMemory<byte> Payload);
}
