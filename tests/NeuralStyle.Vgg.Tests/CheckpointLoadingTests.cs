using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>Genuine torch.save / safetensors files (VGG19 prefix conv1_1..conv3_1 plus a classifier key).</summary>
public sealed class CheckpointLoadingTests
{
    private static readonly Vgg19Options PrefixOptions = new() { DeepestLayer = Vgg19Layer.Relu3_1 };

    [Theory]
    [InlineData("vgg19_prefix_torchvision.pth", CheckpointFormat.PyTorchZip)]
    [InlineData("vgg19_prefix_torchvision_legacy.pth", CheckpointFormat.PyTorchLegacy)]
    [InlineData("vgg19_prefix_torchvision.safetensors", CheckpointFormat.Safetensors)]
    public void GenuineFilesLoadAndEqualThePrngWeights(string file, CheckpointFormat format)
    {
        string path = ParityFixture.FixturePath(file);
        using (FileStream stream = File.OpenRead(path))
        {
            Assert.Equal(format, CheckpointReader.DetectFormat(stream, file));
        }

        using (StateDictionary state = CheckpointReader.Read(path))
        {
            Assert.Contains("classifier.6.bias", state.Keys);
            foreach ((string key, long[] shape) in Vgg19FeatureExtractor.TorchvisionKeys.Take(10))
            {
                Assert.Equal(shape, state[key].shape);
                Assert.Equal(PrngVgg19.ValuesOf(key), state[key].data<float>().ToArray());
            }
        }

        using var scope = torch.NewDisposeScope();
        using Vgg19FeatureExtractor loaded = Vgg19FeatureExtractor.FromFile(path, PrefixOptions);
        using Vgg19FeatureExtractor reference = PrngVgg19.Extractor(PrefixOptions);
        Assert.Equal("relu3_1", loaded.Layers[^1].Name);
        torch.Tensor input = PrngVgg19.Image(13, 32, 32);
        torch.Tensor a = loaded.ExtractNormalized(input, [Vgg19Layer.Relu3_1])[Vgg19Layer.Relu3_1];
        torch.Tensor b = reference.ExtractNormalized(input, [Vgg19Layer.Relu3_1])[Vgg19Layer.Relu3_1];
        Assert.True(a.equal(b).all().ToBoolean());
    }

    [Fact]
    public void LayersDeeperThanTheLoadedWeightsAreRejectedByName()
    {
        using Vgg19FeatureExtractor loaded = Vgg19FeatureExtractor.FromFile(ParityFixture.FixturePath("vgg19_prefix_torchvision.pth"), PrefixOptions);
        ArgumentException error = Assert.Throws<ArgumentException>(() => loaded.ParseLayer("relu4_2"));
        Assert.Contains("relu3_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutDeeperKeysFailsNamingEachMissingKey()
    {
        var error = Assert.Throws<InvalidWeightsException>(() =>
            Vgg19FeatureExtractor.FromFile(ParityFixture.FixturePath("vgg19_prefix_torchvision.safetensors"), new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(3, 2) }));
        Assert.Contains("missing key 'features.12.weight' (expected shape [256, 256, 3, 3])", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing key 'features.12.bias'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisShapedKeyFailsWithExpectedAndFoundShape()
    {
        using StateDictionary state = PrngVgg19.StateDict(3);
        state.Replace("features.2.weight", torch.zeros(64, 32, 3, 3));
        var error = Assert.Throws<InvalidWeightsException>(() =>
            Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu2_1 }));
        Assert.Contains("key 'features.2.weight' has shape [64, 32, 3, 3], expected [64, 64, 3, 3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteWeightsAreRejected()
    {
        using StateDictionary state = PrngVgg19.StateDict(1);
        state["features.0.bias"][3] = torch.tensor(float.NaN);
        var error = Assert.Throws<InvalidWeightsException>(() =>
            Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu1_1 }));
        Assert.Contains("'features.0.bias' contains NaN or infinite values", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vgg19_prefix_torchvision.pth")]
    [InlineData("vgg19_prefix_torchvision_legacy.pth")]
    [InlineData("vgg19_prefix_torchvision.safetensors")]
    public void TruncatedFilesFailWithAClearMessage(string file)
    {
        byte[] bytes = File.ReadAllBytes(ParityFixture.FixturePath(file));
        string path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}-{file}");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromFile(path, PrefixOptions));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // features.0.weight's record made [64, 64, 3, 3] with strides of 0: every element reads the storage's first.
    [Fact]
    public void ATensorWithMoreElementsThanItsStorageIsRefusedBeforeItIsMade() =>
        AssertPickleRefused(
            pickle => Replace(
                Replace(pickle, "K@K\u0003K\u0003K\u0003"u8.ToArray(), [.. "K@K@K"u8, 3, (byte)'K', 3]),
                [(byte)'K', 0x1b, (byte)'K', 9, (byte)'K', 3, (byte)'K', 1],
                [(byte)'K', 0, (byte)'K', 0, (byte)'K', 0, (byte)'K', 0]),
            "a tensor of shape [64, 64, 3, 3] reaches outside its storage 0, or holds more elements than it");

    [Fact]
    public void APickleOfMoreOpcodesThanAStateDictionaryIsRefusedBeforeItIsUnpickled() =>
        AssertPickleRefused(_ => [0x80, 0x02, .. Enumerable.Repeat((byte)'}', 1_000_001), (byte)'.'], "more than 1000000 opcodes");

    /// <summary>The genuine zip checkpoint with its data.pkl rewritten is refused with <paramref name="expected"/>; the copy is deleted.</summary>
    private static void AssertPickleRefused(Func<byte[], byte[]> rewrite, string expected)
    {
        string path = Rewritten("vgg19_prefix_torchvision.pth", "data.pkl", rewrite);
        try
        {
            var error = Assert.Throws<InvalidWeightsException>(() => CheckpointReader.Read(path));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SafetensorsWhoseTensorsOverlapAreRefused()
    {
        string source = ParityFixture.FixturePath("vgg19_prefix_torchvision.safetensors");
        byte[] bytes = File.ReadAllBytes(source);
        int length = (int)BitConverter.ToUInt64(bytes);
        var header = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        long begin = header["features.0.weight"]!["data_offsets"]![0]!.GetValue<long>();
        header["features.0.bias"]!["data_offsets"] = new System.Text.Json.Nodes.JsonArray(begin, begin + (64 * 4));
        byte[] rewritten = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        string path = Path.Combine(Path.GetTempPath(), $"overlap-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)rewritten.Length), .. rewritten, .. bytes.AsSpan(8 + length)]);
        try
        {
            var error = Assert.Throws<InvalidWeightsException>(() => CheckpointReader.Read(path));
            Assert.Contains("overlap in the data", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A copy of a fixture zip (in the temporary folder) with the entry ending in <paramref name="name"/> rewritten.</summary>
    private static string Rewritten(string fixture, string name, Func<byte[], byte[]> rewrite)
    {
        string path = Path.Combine(Path.GetTempPath(), $"rewritten-{Guid.NewGuid():N}.pth");
        File.Copy(ParityFixture.FixturePath(fixture), path);
        using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update);
        System.IO.Compression.ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(name, StringComparison.Ordinal));
        byte[] original;
        using (var read = new MemoryStream())
        {
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(read);
            }

            original = read.ToArray();
        }

        string fullName = entry.FullName;
        entry.Delete();
        using (Stream written = zip.CreateEntry(fullName, System.IO.Compression.CompressionLevel.NoCompression).Open())
        {
            written.Write(rewrite(original));
        }

        return path;
    }

    private static byte[] Replace(byte[] bytes, byte[] from, byte[] to)
    {
        int at = bytes.AsSpan().IndexOf(from);
        Assert.True(at >= 0, "the pattern is in the fixture");
        return [.. bytes.AsSpan(0, at), .. to, .. bytes.AsSpan(at + from.Length)];
    }

    [Fact]
    public void NonCheckpointFilesAreRejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-weights-{Guid.NewGuid():N}.pth");
        File.WriteAllText(path, "hello, these are not weights");
        try
        {
            var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromFile(path));
            Assert.Contains("is not a PyTorch checkpoint", error.Message, StringComparison.Ordinal);
            Assert.Throws<FileNotFoundException>(() => Vgg19FeatureExtractor.FromFile(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(Vgg19Pooling.Average, 1.0)]
    [InlineData(Vgg19Pooling.ScaledAverage, Vgg19FeatureExtractor.AverageMagnitudeCorrection)]
    public void AveragePoolingAveragesEachTwoByTwoWindowScaledAsAsked(Vgg19Pooling pooling, double factor)
    {
        using var scope = torch.NewDisposeScope();
        var options = new Vgg19Options { DeepestLayer = Vgg19Layer.Pool(1), Pooling = pooling };
        using Vgg19FeatureExtractor extractor = Vgg19FeatureExtractor.FromFile(ParityFixture.FixturePath("vgg19_prefix_torchvision.safetensors"), options);
        torch.Tensor input = PrngVgg19.Image(13, 8, 8);
        var features = extractor.ExtractNormalized(input, [Vgg19Layer.Relu(1, 2), Vgg19Layer.Pool(1)]);
        torch.Tensor relu = features[Vgg19Layer.Relu(1, 2)];
        torch.Tensor expected = (relu[.., .., 0..2, 0..2].sum([2, 3]) / 4 * factor).to(torch.ScalarType.Float64);
        torch.Tensor actual = features[Vgg19Layer.Pool(1)][.., .., 0, 0].to(torch.ScalarType.Float64);
        Assert.True(torch.allclose(actual, expected, rtol: 1e-5, atol: 1e-4));
        Assert.Equal(new long[] { 1, 64, 4, 4 }, features[Vgg19Layer.Pool(1)].shape);
    }

    [Fact]
    public void LayerNamesParseWithKerasAliasesAndListValidNamesOnError()
    {
        Assert.Equal(Vgg19Layer.Relu5_2, Vgg19Layer.Parse("block5_conv2"));
        Assert.Equal(Vgg19Layer.Pool(3), Vgg19Layer.Parse("block3_pool"));
        Assert.NotEqual<FeatureLayer>(Vgg19Layer.Conv(4, 2), Vgg19Layer.Relu4_2);
        Assert.Equal(21, Vgg19Layer.Conv(4, 2).Depth);
        Assert.Equal(22, Vgg19Layer.Relu4_2.Depth);
        var error = Assert.Throws<ArgumentException>(() => Vgg19Layer.Parse("relu6_1"));
        Assert.Contains("relu5_4", error.Message, StringComparison.Ordinal);
        Assert.Contains("block1_conv1", error.Message, StringComparison.Ordinal);
    }
}
