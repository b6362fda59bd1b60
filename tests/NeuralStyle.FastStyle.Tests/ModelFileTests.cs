using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Features;
using TorchSharp;

namespace NeuralStyle.FastStyle.Tests;

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
            Assert.Throws<IOException>(() => model.Save(path));
            Assert.Equal(before, File.ReadAllBytes(path));
        }
    }

    private static void AssertInvalid(string path, string expected)
    {
        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => FastStyleModel.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
