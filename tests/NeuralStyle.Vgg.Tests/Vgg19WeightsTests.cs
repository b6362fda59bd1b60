using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.Weights;
using TorchSharp;
using TorchSharp.PyBridge;

namespace NeuralStyle.Vgg.Tests;

/// <summary>The cache lookup of torchvision's VGG19 weights and the features-only copy.</summary>
public sealed class Vgg19WeightsTests : IDisposable
{
    private readonly WeightsCache _cache = new(Directory.CreateTempSubdirectory("neuralstyle-vgg-cache-").FullName);

    [Fact]
    public void TorchvisionsFileIsDescribedAsTorchvisionChecksIt()
    {
        Assert.Equal("vgg19-dcbb9e9d.pth", Vgg19Weights.Torchvision.FileName);
        Assert.Equal("https://download.pytorch.org/models/vgg19-dcbb9e9d.pth", Vgg19Weights.Torchvision.Url.ToString());
        Assert.True(Vgg19Weights.Torchvision.Matches("dcbb9e9d" + new string('0', 56)));
        Assert.False(Vgg19Weights.Torchvision.Matches("dcbb9e9e" + new string('0', 56)));
    }

    [Fact]
    public void AnEmptyCacheSaysWhatToDownloadAndWhereToPutIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Vgg19Weights.Locate(_cache));
        Assert.Contains("Vgg19Weights.DownloadAsync", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("neural-style", error.Message, StringComparison.Ordinal); // the library names its API; the command line adds its command
        Assert.Contains(Vgg19Weights.Torchvision.Url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(_cache.PathOf(Vgg19Weights.Torchvision), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFeaturesOnlyCopyKeepsExactlyTheConvolutionsAndIsPreferred()
    {
        Directory.CreateDirectory(_cache.Directory);
        string full = _cache.PathOf(Vgg19Weights.Torchvision);
        using (StateDictionary state = PrngVgg19.StateDict())
        {
            var withClassifier = state.ToDictionary(p => p.Key, p => p.Value);
            withClassifier["classifier.0.weight"] = torch.ones(8, 4);
            Safetensors.SaveStateDict(full, withClassifier);
        }

        Assert.Equal(full, Vgg19Weights.Locate(_cache));
        string features = Path.Combine(_cache.Directory, Vgg19Weights.FeaturesFileName);

        Vgg19Weights.WriteFeaturesOnly(full, features);

        Assert.Equal(features, Vgg19Weights.Locate(_cache));
        using StateDictionary written = CheckpointReader.Read(features);
        Assert.Equal(Vgg19FeatureExtractor.TorchvisionKeys.Select(k => k.Key).Order(), written.Keys.Order());
        string key = Vgg19FeatureExtractor.TorchvisionKeys[4].Key;
        Assert.Equal(PrngVgg19.ValuesOf(key), written[key].data<float>().ToArray());
        Assert.Empty(Directory.EnumerateFiles(_cache.Directory, "*.tmp"));
    }

    [Fact]
    public void AFileThatIsNotVgg19IsNotConverted()
    {
        Directory.CreateDirectory(_cache.Directory);
        string bogus = Path.Combine(_cache.Directory, "bogus.safetensors");
        Safetensors.SaveStateDict(bogus, new Dictionary<string, torch.Tensor> { ["features.0.weight"] = torch.ones(3, 3) });
        string output = Path.Combine(_cache.Directory, "out.safetensors");
        Assert.Throws<InvalidWeightsException>(() => Vgg19Weights.WriteFeaturesOnly(bogus, output));
        Assert.False(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_cache.Directory, recursive: true);
}
