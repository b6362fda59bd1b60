using System.Buffers.Binary;
using System.Text;
using NeuralStyle.Features;

namespace NeuralStyle.Vgg;

/// <summary>
/// Walks a pickle's opcodes <em>before</em> it is unpickled and refuses it when it names any global
/// other than the tensor rebuild functions, <c>collections.OrderedDict</c> and torch's storage
/// types. Nothing is executed or instantiated on the way; an opcode this guard does not know is
/// refused too. (The unpickler would only build inert placeholders for other globals, but a
/// weights file that asks for <c>os.system</c> is hostile and is rejected outright.)
/// </summary>
internal static class PickleGlobalGuard
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "collections.OrderedDict",
        "torch.DoubleStorage", "torch.FloatStorage", "torch.HalfStorage", "torch.BFloat16Storage", "torch.LongStorage",
        "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
    };

    /// <summary>Checks the pickle that starts at the stream's position; the position is restored.</summary>
    /// <exception cref="InvalidWeightsException">The pickle names a global that is not allowed.</exception>
    public static void Check(Stream stream, string source)
    {
        long start = stream.Position;
        try
        {
            foreach (string global in Globals(new BinaryReader(stream, Encoding.Latin1, leaveOpen: true)))
            {
                if (!Allowed.Contains(global))
                {
                    throw new InvalidWeightsException(
                        $"{source} is a pickle that names '{global}', which is not a tensor, storage or OrderedDict: it was refused and nothing in it was run. "
                        + "Load weights from a trusted source, preferably as .safetensors, the safe format.");
                }
            }
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// The most opcodes a pickle may have: a state dictionary's has a few dozen per tensor, and each
    /// opcode can make the unpickler allocate an object (a megabyte of <c>}</c> is a million dictionaries).
    /// </summary>
    private const int MaxOpcodes = 1_000_000;

    private static IEnumerable<string> Globals(BinaryReader reader)
    {
        var recentStrings = new List<string?>();
        for (int count = 0; ; count++)
        {
            if (count == MaxOpcodes)
            {
                throw new InvalidWeightsException($"The pickle has more than {MaxOpcodes} opcodes, far more than a state dictionary's: the file is corrupt or not a PyTorch checkpoint.");
            }

            byte opcode = reader.ReadByte();
            string? pushed = null;
            switch ((char)opcode)
            {
                case '.': // STOP
                    yield break;
                case 'c': // GLOBAL module\nname\n
                case 'i': // INST module\nname\n
                    yield return $"{Line(reader)}.{Line(reader)}";
                    break;
                case '\x93': // STACK_GLOBAL: the two strings pushed just before
                    if (recentStrings.Count < 2 || recentStrings[^2] is null || recentStrings[^1] is null)
                    {
                        yield return "<a global assembled at run time>";
                    }
                    else
                    {
                        yield return $"{recentStrings[^2]}.{recentStrings[^1]}";
                    }

                    break;
                case 'I' or 'L' or 'F' or 'P': // INT, LONG, FLOAT, PERSID: newline-terminated text
                    Line(reader);
                    break;
                case 'S' or 'V': // STRING, UNICODE: newline-terminated text
                    pushed = Line(reader);
                    break;
                case 'K' or 'h' or 'q' or '\x80' or '\x82': // BININT1, BINGET, BINPUT, PROTO, EXT1
                    reader.ReadByte();
                    if ((char)opcode is 'q')
                    {
                        continue; // memoising keeps the string on the stack
                    }

                    break;
                case 'M' or '\x83': // BININT2, EXT2
                    reader.ReadBytes(2);
                    break;
                case 'J' or 'j' or 'r' or '\x84': // BININT, LONG_BINGET, LONG_BINPUT, EXT4
                    reader.ReadBytes(4);
                    if ((char)opcode is 'r')
                    {
                        continue;
                    }

                    break;
                case 'G' or '\x95': // BINFLOAT, FRAME
                    reader.ReadBytes(8);
                    break;
                case '\x8c': // SHORT_BINUNICODE
                    pushed = Encoding.UTF8.GetString(Bytes(reader, reader.ReadByte()));
                    break;
                case 'U' or 'C' or '\x8a': // SHORT_BINSTRING, SHORT_BINBYTES, LONG1
                    Bytes(reader, reader.ReadByte());
                    break;
                case 'X': // BINUNICODE
                    pushed = Encoding.UTF8.GetString(Bytes(reader, BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4))));
                    break;
                case 'T' or 'B' or '\x8b': // BINSTRING, BINBYTES, LONG4
                    Bytes(reader, BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4)));
                    break;
                case '\x8d' or '\x8e' or '\x96': // BINUNICODE8, BINBYTES8, BYTEARRAY8
                    ulong length = BinaryPrimitives.ReadUInt64LittleEndian(reader.ReadBytes(8));
                    byte[] data = Bytes(reader, length);
                    if ((char)opcode == '\x8d')
                    {
                        pushed = Encoding.UTF8.GetString(data);
                    }

                    break;
                case '\x94': // MEMOIZE
                    continue;
                case '(' or ')' or ']' or '}' or '0' or '1' or '2' or 'N' or '\x88' or '\x89' or 'R' or 'a' or 'b' or 'd' or 'e' or 'l'
                    or 's' or 't' or 'u' or 'o' or '\x81' or '\x85' or '\x86' or '\x87' or '\x8f' or '\x90' or '\x91' or '\x92' or 'Q'
                    or '\x97' or '\x98':
                    break; // opcodes without an argument
                default:
                    throw new InvalidWeightsException($"Unknown pickle opcode 0x{opcode:x2}: the file is corrupt or not a PyTorch checkpoint.");
            }

            recentStrings.Add(pushed);
            if (recentStrings.Count > 2)
            {
                recentStrings.RemoveAt(0);
            }
        }
    }

    private static string Line(BinaryReader reader)
    {
        var text = new StringBuilder();
        for (char c = (char)reader.ReadByte(); c != '\n'; c = (char)reader.ReadByte())
        {
            if (text.Length > 4096)
            {
                throw new InvalidWeightsException("A pickle text argument is longer than 4096 characters: the file is corrupt.");
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static byte[] Bytes(BinaryReader reader, ulong length)
    {
        if (length > (ulong)(reader.BaseStream.Length - reader.BaseStream.Position))
        {
            throw new EndOfStreamException($"a pickle argument of {length} bytes runs past the end of the data");
        }

        return reader.ReadBytes((int)length);
    }
}
