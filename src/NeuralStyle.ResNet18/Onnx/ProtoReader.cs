using System.Buffers.Binary;
using System.Text;

namespace NeuralStyle.ResNet18.Onnx;

/// <summary>
/// A bounds-checked reader of the protobuf wire format over a byte span: just enough to walk the
/// ONNX messages this backbone needs, without generated classes and without copying payloads.
/// Malformed or truncated input raises <see cref="FormatException"/>.
/// </summary>
internal ref struct ProtoReader
{
    private const int VarintWireType = 0;
    private const int Fixed64WireType = 1;
    private const int LengthDelimitedWireType = 2;
    private const int Fixed32WireType = 5;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _wireType;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _wireType = -1;
    }

    /// <summary>Moves to the next field; returns false at the end of the message.</summary>
    public bool TryReadField(out int fieldNumber)
    {
        if (_position >= _data.Length)
        {
            fieldNumber = 0;
            return false;
        }

        ulong key = ReadVarintRaw();
        if (key >> 3 > int.MaxValue)
        {
            throw new FormatException($"Invalid protobuf field number {key >> 3} at byte {_position}.");
        }

        fieldNumber = (int)(key >> 3);
        _wireType = (int)(key & 7);
        if (fieldNumber == 0)
        {
            throw new FormatException($"Invalid protobuf field number 0 at byte {_position}.");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        Expect(VarintWireType);
        return ReadVarintRaw();
    }

    public long ReadInt64() => unchecked((long)ReadVarint());

    public float ReadFloat()
    {
        Expect(Fixed32WireType);
        return BinaryPrimitives.ReadSingleLittleEndian(Take(4));
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        Expect(LengthDelimitedWireType);
        ulong length = ReadVarintRaw();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new FormatException($"A length-delimited field at byte {_position} claims {length} bytes but only {_data.Length - _position} remain (truncated file?).");
        }

        return Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Reads a repeated int64 field whether it is packed or not, appending to <paramref name="values"/>.</summary>
    public void ReadInt64s(List<long> values)
    {
        if (_wireType == LengthDelimitedWireType)
        {
            var packed = new ProtoReader(ReadBytes());
            while (packed._position < packed._data.Length)
            {
                values.Add(unchecked((long)packed.ReadVarintRaw()));
            }
        }
        else
        {
            values.Add(ReadInt64());
        }
    }

    public void Skip()
    {
        switch (_wireType)
        {
            case VarintWireType:
                ReadVarintRaw();
                break;
            case Fixed64WireType:
                Take(8);
                break;
            case LengthDelimitedWireType:
                ReadBytes();
                break;
            case Fixed32WireType:
                Take(4);
                break;
            default:
                throw new FormatException($"Unsupported protobuf wire type {_wireType} at byte {_position}.");
        }
    }

    private void Expect(int wireType)
    {
        if (_wireType != wireType)
        {
            throw new FormatException($"Protobuf wire type {_wireType} at byte {_position} where {wireType} was expected.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new FormatException($"Unexpected end of data at byte {_position} (truncated file?).");
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private ulong ReadVarintRaw()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("Unexpected end of data inside a varint (truncated file?).");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new FormatException($"Malformed varint ending at byte {_position}.");
    }
}
