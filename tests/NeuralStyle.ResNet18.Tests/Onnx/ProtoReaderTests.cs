using NeuralStyle.ResNet18.Onnx;

namespace NeuralStyle.ResNet18.Tests.Onnx;

/// <summary>The protobuf wire format as the ONNX reader walks it: every wire type, packed and unpacked repeats, and malformed input refused.</summary>
public sealed class ProtoReaderTests
{
    [Fact]
    public void Fields_of_every_wire_type_are_read_or_skipped()
    {
        // 1: varint 300; 2: fixed32 1.5f; 3: bytes "ab"; 4: fixed64 (skipped); 5: packed int64s [1, 150]; 5 again unpacked: 7.
        byte[] message =
        [
            0x08, 0xAC, 0x02, 0x15, 0x00, 0x00, 0xC0, 0x3F, 0x1A, 0x02, (byte)'a', (byte)'b', 0x21, 1, 2, 3, 4, 5, 6, 7, 8,
            0x2A, 0x03, 0x01, 0x96, 0x01, 0x28, 0x07,
        ];
        var reader = new ProtoReader(message);
        var fields = new List<int>();
        var repeated = new List<long>();
        (ulong varint, float fixed32, string text) = (0, 0, string.Empty);
        while (reader.TryReadField(out int field))
        {
            fields.Add(field);
            switch (field)
            {
                case 1:
                    varint = reader.ReadVarint();
                    break;
                case 2:
                    fixed32 = reader.ReadFloat();
                    break;
                case 3:
                    text = reader.ReadString();
                    break;
                case 5:
                    reader.ReadInt64s(repeated);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        Assert.Equal([1, 2, 3, 4, 5, 5], fields);
        Assert.Equal((300UL, 1.5f, "ab"), (varint, fixed32, text));
        Assert.Equal([1L, 150L, 7L], repeated);
    }

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x05, (byte)'a' }, "claims 5 bytes but only 1 remain")]
    [InlineData(new byte[] { 0x08, 0x80 }, "inside a varint")]
    [InlineData(new byte[] { 0x00 }, "field number 0")]
    [InlineData(new byte[] { 0x15, 0x00, 0x00 }, "Unexpected end of data")]
    [InlineData(new byte[] { 0x0B }, "Unsupported protobuf wire type 3")]
    [InlineData(new byte[] { 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "Malformed varint")]
    public void Malformed_or_truncated_input_is_a_format_error_that_says_where(byte[] message, string expected)
    {
        FormatException error = Assert.Throws<FormatException>(() =>
        {
            var reader = new ProtoReader(message);
            while (reader.TryReadField(out _))
            {
                reader.Skip();
            }
        });
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_read_as_another_wire_type_is_refused()
    {
        FormatException error = Assert.Throws<FormatException>(() =>
        {
            var reader = new ProtoReader([0x08, 0x01]);
            Assert.True(reader.TryReadField(out _));
            reader.ReadFloat();
        });
        Assert.Contains("wire type 0 at byte 1 where 5 was expected", error.Message, StringComparison.Ordinal);
    }
}
