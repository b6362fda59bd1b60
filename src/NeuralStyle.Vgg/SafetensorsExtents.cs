using System.Buffers.Binary;
using System.Text.Json;
using NeuralStyle.Features.Authoring;

namespace NeuralStyle.Vgg;

/// <summary>
/// Checks a <c>.safetensors</c> header's byte ranges before TorchSharp.PyBridge reads the tensors: it only
/// matches each range's length to its shape, so ranges that overlap would copy the same bytes into
/// tensor after tensor (a megabyte of data declared 100,000 times is 100 GB of tensors).
/// </summary>
internal static class SafetensorsExtents
{
    /// <summary>Checks that the tensors' ranges lie in the data, none overlapping; the stream's position is restored.</summary>
    /// <exception cref="InvalidDataException">A range is malformed, overlaps another or ends past the data.</exception>
    public static void Check(Stream stream)
    {
        long start = stream.Position;
        try
        {
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            ulong headerBytes = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            long dataBytes = stream.Length - start - 8 - (long)Math.Min(headerBytes, (ulong)long.MaxValue);
            if (headerBytes > SafetensorsRanges.MaxHeaderBytes || dataBytes < 0)
            {
                throw new InvalidDataException($"its header declares {headerBytes} bytes, more than the file or the {SafetensorsRanges.MaxHeaderBytes} read");
            }

            byte[] header = new byte[headerBytes];
            stream.ReadExactly(header);
            using JsonDocument document = JsonDocument.Parse(header);
            var ranges = new List<(string Name, long Begin, long End)>();
            foreach (JsonProperty tensor in document.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__"))
            {
                if (!tensor.Value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.GetArrayLength() != 2
                    || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin || end > dataBytes)
                {
                    throw new InvalidDataException($"tensor '{tensor.Name}' has data_offsets outside the file's {dataBytes} bytes of data");
                }

                ranges.Add((tensor.Name, begin, end));
            }

            if (SafetensorsRanges.Overlaps(ranges).FirstOrDefault() is string overlap)
            {
                throw new InvalidDataException(overlap);
            }
        }
        finally
        {
            stream.Position = start;
        }
    }
}
