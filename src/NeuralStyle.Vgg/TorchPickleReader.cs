using System.Collections;
using System.IO.Compression;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;
using TorchSharp;

namespace NeuralStyle.Vgg;

/// <summary>
/// Reads state dictionaries written by <c>torch.save</c>, in both the zip format (PyTorch 1.6+) and
/// the legacy pickle format, which TorchSharp.PyBridge does not read. Only the tensor rebuild
/// functions and <c>collections.OrderedDict</c> are given meaning; nothing from the file is
/// executed. Storage sizes and tensor extents are checked against the bytes actually present.
/// </summary>
internal static class TorchPickleReader
{
    private const string LegacyMagic = "1950a86a20f9469cfc6c";
    private static readonly Lock RegistryLock = new();

    /// <summary>Reads a zip-format checkpoint.</summary>
    public static Dictionary<string, torch.Tensor> ReadZip(Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry pickle = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal))
            ?? throw new InvalidDataException("the archive has no data.pkl entry");
        Dictionary<string, ZipArchiveEntry> entries = archive.Entries
            .Where(e => e.FullName.Contains("/data/", StringComparison.Ordinal) || e.FullName.StartsWith("data/", StringComparison.Ordinal))
            .GroupBy(e => e.FullName[(e.FullName.LastIndexOf("data/", StringComparison.Ordinal) + 5)..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var storages = new StorageTable((key, bytes) =>
        {
            ZipArchiveEntry entry = entries.GetValueOrDefault(key)
                ?? throw new InvalidDataException($"the archive has no data/{key} entry for a storage");
            return Exactly(entry, bytes, $"storage {key}");
        });
        if (pickle.Length > MaxPickleBytes)
        {
            throw new InvalidDataException($"its data.pkl is {pickle.Length} bytes, more than a state dictionary's pickle ever needs ({MaxPickleBytes})");
        }

        using var pickleStream = new MemoryStream(Exactly(pickle, pickle.Length, "data.pkl"));
        object root = Unpickle(pickleStream, storages);
        return storages.Build(root);
    }

    /// <summary>The largest <c>data.pkl</c> read (a state dictionary's is kilobytes: its tensors' records, not their data).</summary>
    private const long MaxPickleBytes = 64L << 20;

    /// <summary>
    /// The <paramref name="bytes"/> bytes of <paramref name="entry"/>, refused before anything is inflated
    /// when the archive declares another size, and never inflated beyond it.
    /// </summary>
    private static byte[] Exactly(ZipArchiveEntry entry, long bytes, string what)
    {
        if (entry.Length != bytes || bytes > Array.MaxLength)
        {
            throw new InvalidDataException($"{what} is {entry.Length} bytes in the archive, the pickle declares {bytes}");
        }

        byte[] data = new byte[bytes];
        using Stream stream = entry.Open();
        stream.ReadExactly(data);
        return data;
    }

    /// <summary>Reads a legacy-format checkpoint: magic, protocol, sys info, the object, storage keys, then raw storages.</summary>
    public static Dictionary<string, torch.Tensor> ReadLegacy(Stream stream)
    {
        var storages = new StorageTable((key, _) => throw new InvalidDataException($"storage {key} was not read"));
        using var simple = new Unpickler();
        object magic = SafeLoad(simple, stream);
        if (!string.Equals(ToHex(magic), LegacyMagic, StringComparison.Ordinal))
        {
            throw new InvalidDataException("the legacy magic number is missing");
        }

        _ = SafeLoad(simple, stream); // protocol version
        _ = SafeLoad(simple, stream); // sys info
        object root = Unpickle(stream, storages);
        if (SafeLoad(simple, stream) is not ArrayList keys)
        {
            throw new InvalidDataException("the list of storage keys is missing");
        }

        Span<byte> header = stackalloc byte[8];
        foreach (object key in keys)
        {
            string name = Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)!;
            stream.ReadExactly(header);
            long count = BitConverter.ToInt64(header);
            StorageInfo info = storages.Get(name);
            if (count != info.Count)
            {
                throw new InvalidDataException($"storage {name} holds {count} elements, the pickle declared {info.Count}");
            }

            long bytes = count * info.ElementSize;
            if (bytes < 0 || bytes > stream.Length - stream.Position)
            {
                throw new InvalidDataException($"storage {name} needs {bytes} bytes but the file ends first");
            }

            byte[] data = new byte[bytes];
            stream.ReadExactly(data);
            storages.SetData(name, data);
        }

        return storages.Build(root);
    }

    private static string ToHex(object value) => value switch
    {
        System.Numerics.BigInteger big => big.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0'),
        long l => l.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    private static object SafeLoad(Unpickler unpickler, Stream stream)
    {
        PickleGlobalGuard.Check(stream, "The checkpoint");
        return unpickler.load(stream);
    }

    private static object Unpickle(Stream stream, StorageTable storages)
    {
        PickleGlobalGuard.Check(stream, "The checkpoint");
        lock (RegistryLock)
        {
            // Razorvine's constructor table is global (TorchSharp.PyBridge writes into it too), so
            // ours are put back right before each load.
            Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", new TensorConstructor());
            Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", new TensorConstructor());
            Unpickler.registerConstructor("collections", "OrderedDict", new OrderedDictConstructor());
            using var unpickler = new StorageUnpickler(storages);
            return unpickler.load(stream);
        }
    }

    private static long ToLong(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record StorageInfo(string Key, torch.ScalarType DataType, long Count, int ElementSize);

    /// <summary>A tensor described by the pickle, materialised once the storage bytes are known.</summary>
    private sealed record TensorDescription(StorageInfo Storage, long Offset, long[] Shape, long[] Stride);

    private sealed class StorageTable(Func<string, long, byte[]> fetch)
    {
        private readonly Dictionary<string, StorageInfo> _infos = [];
        private readonly Dictionary<string, byte[]> _data = [];
        private long _materialised;
        private long _stored;

        public StorageInfo Declare(string key, string storageType, long count)
        {
            if (_infos.TryGetValue(key, out StorageInfo? known))
            {
                return known;
            }

            torch.ScalarType dtype = storageType switch
            {
                "DoubleStorage" => torch.ScalarType.Float64,
                "FloatStorage" => torch.ScalarType.Float32,
                "HalfStorage" => torch.ScalarType.Float16,
                "BFloat16Storage" => torch.ScalarType.BFloat16,
                "LongStorage" => torch.ScalarType.Int64,
                "IntStorage" => torch.ScalarType.Int32,
                "ShortStorage" => torch.ScalarType.Int16,
                "CharStorage" => torch.ScalarType.Int8,
                "ByteStorage" => torch.ScalarType.Byte,
                "BoolStorage" => torch.ScalarType.Bool,
                _ => throw new InvalidDataException($"unsupported storage type {storageType}"),
            };
            int size = dtype switch
            {
                torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
                torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
                torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
                _ => 1,
            };
            if (count < 0)
            {
                throw new InvalidDataException($"storage {key} declares {count} elements");
            }

            var info = new StorageInfo(key, dtype, count, size);
            _infos[key] = info;
            return info;
        }

        public StorageInfo Get(string key) =>
            _infos.TryGetValue(key, out StorageInfo? info) ? info : throw new InvalidDataException($"storage {key} is not used by any tensor");

        public void SetData(string key, byte[] data)
        {
            _stored += data.LongLength - (_data.TryGetValue(key, out byte[]? earlier) ? earlier.LongLength : 0);
            _data[key] = data;
        }

        public Dictionary<string, torch.Tensor> Build(object root)
        {
            if (root is not IDictionary dictionary)
            {
                throw new InvalidDataException($"the file holds a {root?.GetType().Name ?? "null"}, not a state dictionary (save model.state_dict())");
            }

            var result = new Dictionary<string, torch.Tensor>();
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key is string key && entry.Value is TensorDescription description)
                {
                    result[key] = Materialise(description);
                }
            }

            return result;
        }

        private torch.Tensor Materialise(TensorDescription d)
        {
            if (!_data.TryGetValue(d.Storage.Key, out byte[]? bytes))
            {
                bytes = fetch(d.Storage.Key, d.Storage.Count * d.Storage.ElementSize);
                _data[d.Storage.Key] = bytes;
                _stored += bytes.LongLength;
            }

            if (bytes.LongLength != d.Storage.Count * d.Storage.ElementSize)
            {
                throw new InvalidDataException(
                    $"storage {d.Storage.Key} has {bytes.LongLength} bytes, expected {d.Storage.Count * d.Storage.ElementSize}");
            }

            if (d.Shape.Any(s => s < 0) || d.Stride.Any(s => s < 0) || d.Offset < 0 || ElementsIfItFits(d) is not long elements)
            {
                throw new InvalidDataException($"a tensor of shape [{string.Join(", ", d.Shape)}] reaches outside its storage {d.Storage.Key}, or holds more elements than it");
            }

            // Tensors sharing a storage are each copied: all of them together stay within twice the storages' bytes.
            _materialised += elements * d.Storage.ElementSize;
            if (_materialised > 2 * _stored)
            {
                throw new InvalidDataException("its tensors hold far more elements than its storages: views of one storage repeated");
            }

            using var scope = torch.NewDisposeScope();
            torch.Tensor storage = torch.empty(d.Storage.Count, d.Storage.DataType);
            storage.bytes = bytes;
            return storage.as_strided(d.Shape, d.Stride, d.Offset).clone().MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// The elements of <paramref name="d"/> when every one lies in its storage and it has no more of them
    /// than the storage holds from its offset (a stride of 0 would otherwise copy one element into any
    /// size); null when it does not fit, overflowing extents included.
    /// </summary>
    private static long? ElementsIfItFits(TensorDescription d)
    {
        if (d.Shape.Any(s => s == 0))
        {
            return 0;
        }

        try
        {
            long elements = d.Shape.Aggregate(1L, (product, size) => checked(product * size));
            long last = d.Shape.Zip(d.Stride, (size, stride) => checked((size - 1) * stride)).Aggregate(d.Offset, (sum, extent) => checked(sum + extent));
            return last < d.Storage.Count && elements <= d.Storage.Count - d.Offset ? elements : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private sealed class StorageUnpickler(StorageTable storages) : Unpickler
    {
        protected override object persistentLoad(object pid)
        {
            if (pid is not object[] tuple || tuple.Length < 5 || tuple[0] as string != "storage" || tuple[1] is not ClassDictConstructor type)
            {
                throw new InvalidDataException("unknown persistent id in the pickle");
            }

            return storages.Declare(Convert.ToString(tuple[2], System.Globalization.CultureInfo.InvariantCulture)!, type.name, ToLong(tuple[4]));
        }
    }

    private sealed class TensorConstructor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 4 || args[0] is not StorageInfo storage || args[2] is not object[] shape || args[3] is not object[] stride || shape.Length != stride.Length)
            {
                throw new InvalidDataException("malformed tensor record in the pickle");
            }

            return new TensorDescription(storage, ToLong(args[1]), shape.Select(ToLong).ToArray(), stride.Select(ToLong).ToArray());
        }
    }

    private sealed class OrderedDictConstructor : IObjectConstructor
    {
        public object construct(object[] args) => new OrderedDictionary();
    }

    /// <summary>Razorvine calls <c>__setstate__</c> on the object OrderedDict's constructor returns.</summary>
    private sealed class OrderedDictionary : Hashtable
    {
        public void __setstate__(Hashtable state)
        {
            foreach (DictionaryEntry entry in state)
            {
                this[entry.Key] = entry.Value;
            }
        }
    }
}
