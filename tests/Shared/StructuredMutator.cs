using System.Buffers.Binary;
using System.Text;

namespace NeuralStyle.Testing;

/// <summary>
/// Deterministic, structure-aware corruption of valid seed files for the fuzzing runs: besides random
/// bytes it makes the edits that break parsers (a length field made huge or negative, a slice repeated
/// or dropped, a truncation, a splice of another part of the file, text values swapped for hostile
/// ones), so most mutants get past the first check.
/// </summary>
public sealed class StructuredMutator(int seed)
{
    private static readonly string[] HostileJson =
    [
        "null", "true", "-1", "0", "1e308", "-1e308", "18446744073709551616", "9223372036854775807", "\"\"", "\"abc\"",
        "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "\"\\ud800\"", "\"../../etc/passwd\"", "[1,2,3,4,5,6,7,8,9]",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A mutant of <paramref name="original"/> (never the original array).</summary>
    public byte[] Mutate(byte[] original)
    {
        byte[] bytes = (byte[])original.Clone();
        int edits = 1 + _random.Next(3);
        for (int i = 0; i < edits && bytes.Length > 0; i++)
        {
            bytes = _random.Next(7) switch
            {
                0 => Overwrite(bytes),
                1 => InflateLength(bytes),
                2 => Repeat(bytes),
                3 => Drop(bytes),
                4 => bytes[.._random.Next(bytes.Length)],
                5 => Splice(bytes),
                _ => ReplaceJsonValue(bytes),
            };
        }

        return bytes;
    }

    private byte[] Overwrite(byte[] bytes)
    {
        for (int i = 1 + _random.Next(8); i > 0; i--)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }

        return bytes;
    }

    /// <summary>A 4- or 8-byte field (either byte order) set to a huge, zero or negative value.</summary>
    private byte[] InflateLength(byte[] bytes)
    {
        int width = _random.Next(2) == 0 ? 4 : 8;
        if (bytes.Length < width)
        {
            return bytes;
        }

        int at = _random.Next(bytes.Length - width + 1);
        ulong value = _random.Next(4) switch
        {
            0 => ulong.MaxValue,
            1 => 0,
            2 => 0x7FFFFFFF,
            _ => (ulong)_random.NextInt64(1, 1L << 40),
        };
        Span<byte> field = bytes.AsSpan(at, width);
        if (width == 4)
        {
            if (_random.Next(2) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(field, (uint)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(field, (uint)value);
            }
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(field, value);
        }

        return bytes;
    }

    private (int Start, int Length) Slice(byte[] bytes)
    {
        int start = _random.Next(bytes.Length);
        return (start, 1 + _random.Next(Math.Min(bytes.Length - start, 4096)));
    }

    private byte[] Repeat(byte[] bytes)
    {
        (int start, int length) = Slice(bytes);
        int times = 1 + _random.Next(16);
        var result = new List<byte>(bytes.Length + (length * times));
        result.AddRange(bytes.AsSpan(0, start + length));
        for (int i = 0; i < times; i++)
        {
            result.AddRange(bytes.AsSpan(start, length));
        }

        result.AddRange(bytes.AsSpan(start + length));
        return [.. result];
    }

    private byte[] Drop(byte[] bytes)
    {
        (int start, int length) = Slice(bytes);
        return [.. bytes.AsSpan(0, start), .. bytes.AsSpan(start + length)];
    }

    private byte[] Splice(byte[] bytes)
    {
        (int from, int length) = Slice(bytes);
        int to = _random.Next(bytes.Length - length + 1);
        bytes.AsSpan(from, length).ToArray().CopyTo(bytes.AsSpan(to));
        return bytes;
    }

    /// <summary>A JSON value in the text (after a <c>:</c> or inside brackets) replaced by a hostile one; other bytes untouched.</summary>
    private byte[] ReplaceJsonValue(byte[] bytes)
    {
        int colon = Array.IndexOf(bytes, (byte)':', _random.Next(bytes.Length));
        if (colon < 0)
        {
            return Overwrite(bytes);
        }

        int end = colon + 1;
        while (end < bytes.Length && bytes[end] is not ((byte)',' or (byte)'}' or (byte)'\n'))
        {
            end++;
        }

        byte[] value = Encoding.UTF8.GetBytes(HostileJson[_random.Next(HostileJson.Length)]);
        return [.. bytes.AsSpan(0, colon + 1), .. value, .. bytes.AsSpan(end)];
    }
}
