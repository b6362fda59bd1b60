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
        var storages = new StorageTable(key =>
        {
            ZipArchiveEntry entry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith($"data/{key}", StringComparison.Ordinal))
                ?? throw new InvalidDataException($"the archive has no data/{key} entry for a storage");
            using Stream data = entry.Open();
            var buffer = new MemoryStream();
            data.CopyTo(buffer);
            return buffer.ToArray();
        });
        using var pickleStream = new MemoryStream();
        using (Stream entry = pickle.Open())
        {
            entry.CopyTo(pickleStream);
        }

        pickleStream.Position = 0;
        object root = Unpickle(pickleStream, storages);
        return storages.Build(root);
    }

    /// <summary>Reads a legacy-format checkpoint: magic, protocol, sys info, the object, storage keys, then raw storages.</summary>
    public static Dictionary<string, torch.Tensor> ReadLegacy(Stream stream)
    {
        var storages = new StorageTable(key => throw new InvalidDataException($"storage {key} was not read"));
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

    private sealed class StorageTable(Func<string, byte[]> fetch)
    {
        private readonly Dictionary<string, StorageInfo> _infos = [];
        private readonly Dictionary<string, byte[]> _data = [];

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

        public void SetData(string key, byte[] data) => _data[key] = data;

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
                bytes = fetch(d.Storage.Key);
                _data[d.Storage.Key] = bytes;
            }

            if (bytes.LongLength != d.Storage.Count * d.Storage.ElementSize)
            {
                throw new InvalidDataException(
                    $"storage {d.Storage.Key} has {bytes.LongLength} bytes, expected {d.Storage.Count * d.Storage.ElementSize}");
            }

            long last = d.Offset + d.Shape.Zip(d.Stride, (size, stride) => (size - 1) * stride).Sum();
            if (d.Shape.Any(s => s < 0) || d.Stride.Any(s => s < 0) || d.Offset < 0 || (d.Shape.All(s => s > 0) && last >= d.Storage.Count))
            {
                throw new InvalidDataException($"a tensor of shape [{string.Join(", ", d.Shape)}] reaches outside its storage {d.Storage.Key}");
            }

            using var scope = torch.NewDisposeScope();
            torch.Tensor storage = torch.empty(d.Storage.Count, d.Storage.DataType);
            storage.bytes = bytes;
            return storage.as_strided(d.Shape, d.Stride, d.Offset).clone().MoveToOuterDisposeScope();
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
