using System.IO.Compression;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.Vgg;
using NeuralStyle.Vgg.Tests;
using TorchSharp;
using TorchSharp.PyBridge;

namespace NeuralStyle.Reliability.Tests;

/// <summary>Broken, foreign and hostile weights files: refused with the exact exception and a message naming the problem.</summary>
public sealed class WeightsCatalogueTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("neuralstyle-weights-").FullName;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [InlineData("vgg19_prefix_torchvision.pth")]
    [InlineData("vgg19_prefix_torchvision_legacy.pth")]
    [InlineData("vgg19_prefix_torchvision.safetensors")]
    public void TruncatedCheckpointsAreReportedAsTruncatedOrCorrupt(string name)
    {
        byte[] bytes = File.ReadAllBytes(Fixture(name));
        string path = Write(name, bytes[..(bytes.Length * 2 / 3)]);
        var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromFile(path, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(1, 2) }));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherArchitecturesKeysAreListedAsMissing()
    {
        string path = Path.Combine(_directory, "resnet.safetensors");
        Safetensors.SaveStateDict(path, new Dictionary<string, torch.Tensor> { ["conv1.weight"] = torch.zeros(64, 3, 7, 7), ["fc.weight"] = torch.zeros(10, 512) });
        var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromFile(path));
        Assert.Contains("missing key 'features.0.weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegerWeightsAreRefusedByDtype()
    {
        using StateDictionary state = PrngVgg19.StateDict(convolutions: 1);
        var ints = state.ToDictionary(p => p.Key, p => p.Value.to(torch.int32));
        var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromStateDict(ints, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(1, 1) }));
        Assert.Contains("expected a floating-point type", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteWeightsAreRefusedByKey(double value)
    {
        using StateDictionary state = PrngVgg19.StateDict(convolutions: 1);
        var poisoned = state.ToDictionary(p => p.Key, p => p.Value.clone());
        poisoned["features.0.bias"][3] = torch.tensor(value);
        var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromStateDict(poisoned, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(1, 1) }));
        Assert.Contains("'features.0.bias' contains NaN or infinite values", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> HostilePickles() => new()
    {
        // torch.save-style protocol 2: GLOBAL 'os system', then REDUCE — what `pickle.dumps(Evil())` produces.
        { "os.system via GLOBAL", [0x80, 0x02, .. "cos\nsystem\n"u8, (byte)'X', 4, 0, 0, 0, .. "echo"u8, 0x85, (byte)'R', (byte)'.'], "'os.system'" },
        // Protocol 4: STACK_GLOBAL from two short strings.
        { "builtins.eval via STACK_GLOBAL", [0x80, 0x04, 0x8c, 8, .. "builtins"u8, 0x94, 0x8c, 4, .. "eval"u8, 0x94, 0x93, 0x94, 0x8c, 1, (byte)'1', 0x85, (byte)'R', (byte)'.'], "'builtins.eval'" },
        // STACK_GLOBAL whose name comes from the memo, so it cannot be read off the stream.
        { "global assembled from the memo", [0x80, 0x04, 0x8c, 2, .. "os"u8, 0x94, 0x8c, 6, .. "system"u8, 0x94, (byte)'h', 0, (byte)'h', 1, 0x93, (byte)'.'], "assembled at run time" },
        // A global that looks like torch but is not a rebuild function.
        { "torch.load inside the file", [0x80, 0x02, .. "ctorch\nload\n"u8, (byte)')', (byte)'R', (byte)'.'], "'torch.load'" },
    };

    [Theory]
    [MemberData(nameof(HostilePickles))]
    public void PicklesNamingOtherGlobalsAreRefusedWithoutRunningAnything(string description, byte[] pickle, string named)
    {
        string path = Path.Combine(_directory, "hostile.pth");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (Stream entry = zip.CreateEntry("archive/data.pkl").Open())
            {
                entry.Write(pickle);
            }

            using Stream version = zip.CreateEntry("archive/version").Open();
            version.Write("3\n"u8);
        }

        var error = Assert.Throws<InvalidWeightsException>(() => Vgg19FeatureExtractor.FromFile(path));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing in it was run", error.Message, StringComparison.Ordinal);
        Assert.Contains(".safetensors", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Fact]
    public void GenuinePicklesStillLoad()
    {
        using Vgg19FeatureExtractor zip = Vgg19FeatureExtractor.FromFile(Fixture("vgg19_prefix_torchvision.pth"), new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(1, 2) });
        using Vgg19FeatureExtractor legacy = Vgg19FeatureExtractor.FromFile(Fixture("vgg19_prefix_torchvision_legacy.pth"), new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(1, 2) });
        Assert.Equal("VGG19", zip.Name);
        Assert.Equal("VGG19", legacy.Name);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
