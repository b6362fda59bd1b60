using System.Text.Json.Nodes;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.FastStyle.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-model-").FullName;

    private string Saved(out FastStyleModel model)
    {
        model = TestModels.Seeded(21);
        string path = Path.Combine(_folder, "model.safetensors");
        model.Save(path, overwrite: true);
        return path;
    }

    /// <summary>Rewrites the model file with its tensors and metadata changed by the callbacks.</summary>
    private string Rewritten(Action<List<KeyValuePair<string, torch.Tensor>>> tensors, Action<Dictionary<string, string>>? metadata = null)
    {
        string path = Saved(out FastStyleModel model);
        using (model)
        {
            var list = model.Network.Parameters.Select(p => new KeyValuePair<string, torch.Tensor>(p.Key, p.Value.clone())).ToList();
            tensors(list);
            Dictionary<string, string> meta = model.Info.ToMetadata();
            metadata?.Invoke(meta);
            string changed = Path.Combine(_folder, "changed.safetensors");
            using (FileStream stream = File.Create(changed))
            {
                SafetensorsFile.Write(stream, list, meta);
            }

            return changed;
        }
    }

    [Fact]
    public void A_saved_model_loads_with_its_metadata_and_computes_the_same()
    {
        string path = Saved(out FastStyleModel original);
        using (original)
        using (FastStyleModel loaded = FastStyleModel.Load(path))
        {
            Assert.Equal(original.Info, loaded.Info);
            Assert.Equal(TestModels.Small, loaded.Architecture);
            using torch.Tensor input = torch.rand(1, 3, 20, 28);
            using torch.Tensor a = original.Forward(input, StylizeOptions.Default, CancellationToken.None);
            using torch.Tensor b = loaded.Forward(input, StylizeOptions.Default, CancellationToken.None);
            Assert.True(torch.allclose(a, b, rtol: 0, atol: 0));
        }
    }

    [Fact]
    public void A_recorded_palette_is_kept_by_the_file()
    {
        using var painting = new TransferImage(DemoImages.Swirls(40, 32));
        ColorPalette palette = ColorPalette.Of(painting.Color);
        using var model = new FastStyleModel(TransformerNet.Initialize(TestModels.Small, 4), new FastStyleModelInfo { Architecture = TestModels.Small, StyleName = "s", TrainingSize = 64, Palette = palette });
        string path = Path.Combine(_folder, "palette.safetensors");
        model.Save(path);
        using FastStyleModel loaded = FastStyleModel.Load(path);
        Assert.Equal(palette, loaded.Info.Palette);
        Assert.Equal(model.Info, loaded.Info);
        using FastStyleModel without = TestModels.Seeded(4);
        Assert.Null(without.Info.Palette);
    }

    [Theory]
    [InlineData("0.5 0.4")]
    [InlineData("0.5 0.5 0.5 0.01 0.05 0 0.05 0.01 0 0 0 0.1")]
    public void A_malformed_or_impossible_palette_is_named(string palette) =>
        AssertInvalid(Rewritten(_ => { }, m => m["palette"] = palette), $"its 'palette' metadata is '{palette}', expected 12 numbers");

    [Fact]
    public void A_missing_key_is_named() =>
        AssertInvalid(Rewritten(t => t.RemoveAll(p => p.Key == "res2.in1.bias")), "missing key 'res2.in1.bias'");

    [Fact]
    public void A_wrong_shape_is_named() =>
        AssertInvalid(Rewritten(t => t[0] = new(t[0].Key, torch.zeros(8, 3, 3, 3))), "key 'conv1.conv2d.weight' has shape [8, 3, 3, 3], expected [8, 3, 9, 9]");

    [Fact]
    public void NaN_values_are_named() =>
        AssertInvalid(Rewritten(t => t[3].Value.fill_(float.NaN)), "key 'in1.bias' contains NaN or infinite values");

    [Fact]
    public void An_unexpected_key_is_named() =>
        AssertInvalid(Rewritten(t => t.Add(new("res9.in1.weight", torch.ones(32)))), "unexpected key 'res9.in1.weight'");

    [Fact]
    public void Foreign_metadata_is_refused() =>
        AssertInvalid(Rewritten(_ => { }, m => m["format"] = "pytorch"), "its metadata format is 'pytorch'");

    [Fact]
    public void A_plain_safetensors_file_is_refused() =>
        AssertInvalid(Rewritten(_ => { }, m => m.Clear()), "it has no 'format' metadata");

    [Fact]
    public void Another_architecture_is_refused_before_any_weight_is_read() =>
        AssertInvalid(Rewritten(_ => { }, m => m["width"] = "0.3"), "its width is '0.3'");

    [Theory]
    [InlineData(4)]
    [InlineData(200)]
    [InlineData(-100)]
    public void A_truncated_file_is_named(int keep)
    {
        string path = Saved(out FastStyleModel model);
        model.Dispose();
        byte[] bytes = File.ReadAllBytes(path);
        string truncated = Path.Combine(_folder, "truncated.safetensors");
        File.WriteAllBytes(truncated, bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);
        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => FastStyleModel.Load(truncated));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_loads_from_a_stream_with_the_same_checks_naming_its_source()
    {
        string path = Saved(out FastStyleModel original);
        using (original)
        using (FileStream stream = File.OpenRead(path))
        using (FastStyleModel loaded = FastStyleModel.Load(stream, "the test stream"))
        {
            Assert.Equal(original.Info, loaded.Info);
            Assert.True(stream.CanRead, "the stream is left open");
            Assert.All(original.Network.Parameters.Zip(loaded.Network.Parameters), p => Assert.True(p.First.Value.equal(p.Second.Value).all().item<bool>(), p.First.Key));
        }

        byte[] bytes = File.ReadAllBytes(path);
        using var truncated = new MemoryStream(bytes[..^100]);
        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => FastStyleModel.Load(truncated, "the test stream"));
        Assert.StartsWith("the test stream", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_never_overwrites_unless_asked()
    {
        string path = Saved(out FastStyleModel model);
        using (model)
        {
            byte[] before = File.ReadAllBytes(path);
            Assert.Throws<OutputExistsException>(() => model.Save(path));
            Assert.Equal(before, File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void A_key_twice_in_the_header_is_named() =>
        AssertInvalid(WithHeader(h =>
        {
            System.Text.RegularExpressions.Match entry = System.Text.RegularExpressions.Regex.Match(h, "\"in1\\.bias\":\\{[^}]*\\}");
            return h.Replace(entry.Value, entry.Value + "," + entry.Value, StringComparison.Ordinal);
        }), "'in1.bias' appears twice in the header");

    [Fact]
    public void Tensors_sharing_bytes_are_refused() =>
        AssertInvalid(
            WithHeader(h =>
            {
                JsonObject header = JsonNode.Parse(h)!.AsObject();
                header["in1.bias"]!["data_offsets"] = header["in1.weight"]!["data_offsets"]!.DeepClone();
                return header.ToJsonString();
            }),
            "overlap in the data");

    [Theory]
    [InlineData("[1073741824, 1073741824, 16]")]
    [InlineData("[2147483647, 2147483647, 2147483647]")]
    [InlineData("[64, 1073741824]")]
    public void A_shape_of_more_elements_than_the_data_holds_is_named_even_when_its_product_overflows(string shape) =>
        AssertInvalid(
            WithHeader(h =>
            {
                JsonObject header = JsonNode.Parse(h)!.AsObject();
                header["in1.bias"]!["shape"] = JsonNode.Parse(shape);
                header["in1.bias"]!["data_offsets"] = JsonNode.Parse("[0, 0]");
                return header.ToJsonString();
            }),
            "more elements than the file's");

    [Fact]
    public void A_huge_header_claim_is_called_so_not_truncated()
    {
        string path = Saved(out FastStyleModel model);
        model.Dispose();
        byte[] prefix = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(prefix, 200UL * 1024 * 1024);
        using (FileStream stream = File.Create(path))
        {
            // 200 MB of header as the length says, sparse on disk: refused from the first 8 bytes, before any is read.
            stream.Write(prefix);
            stream.SetLength(8 + (200L * 1024 * 1024) + 64);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => FastStyleModel.Load(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the file was read");
        Assert.Contains("more than the", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_the_model_is_called_a_folder()
    {
        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => FastStyleModel.Load(_folder));
        Assert.Contains("is a folder, not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_metadata_alone_is_the_files_and_reads_nothing_past_the_header()
    {
        string path = Saved(out FastStyleModel model);
        model.Dispose();
        (IReadOnlyDictionary<string, string> expected, StateDictionary tensors) = SafetensorsFile.Read(path);
        tensors.Dispose();
        Assert.Equal(expected, SafetensorsFile.ReadMetadata(path));

        // The file extended by a sparse 200 MB past its header: the metadata read stays small, so only the header is read.
        long headerEnd = 8 + (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(File.ReadAllBytes(path).AsSpan(0, 8));
        using (FileStream stream = File.OpenWrite(path))
        {
            stream.SetLength(headerEnd + (200L * 1024 * 1024));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(expected, SafetensorsFile.ReadMetadata(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the tensors were read");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(40)]
    public void The_metadata_of_a_truncated_file_is_refused(int keep)
    {
        string path = Saved(out FastStyleModel model);
        model.Dispose();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..keep]);
        Assert.Contains("truncated", Assert.Throws<InvalidWeightsException>(() => SafetensorsFile.ReadMetadata(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"__metadata__\": 3}", "__metadata__ is not an object of strings")]
    [InlineData("{\"__metadata__\": {", "not valid JSON")]
    public void A_bad_header_is_named_when_only_the_metadata_is_read(string header, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidWeightsException>(() => SafetensorsFile.ReadMetadata(WithHeader(_ => header))).Message, StringComparison.Ordinal);

    /// <summary>The saved model with its JSON header rewritten by <paramref name="edit"/> (the data kept).</summary>
    private string WithHeader(Func<string, string> edit)
    {
        string path = Saved(out FastStyleModel model);
        model.Dispose();
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        byte[] header = System.Text.Encoding.UTF8.GetBytes(edit(System.Text.Encoding.UTF8.GetString(bytes, 8, length)));
        byte[] rewritten = new byte[8 + header.Length + bytes.Length - 8 - length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(rewritten, (ulong)header.Length);
        header.CopyTo(rewritten, 8);
        bytes.AsSpan(8 + length).CopyTo(rewritten.AsSpan(8 + header.Length));
        string changed = Path.Combine(_folder, "header.safetensors");
        File.WriteAllBytes(changed, rewritten);
        return changed;
    }

    private static void AssertInvalid(string path, string expected)
    {
        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => FastStyleModel.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
