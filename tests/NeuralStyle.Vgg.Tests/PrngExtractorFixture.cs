using System.Collections.Concurrent;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>Builds each PRNG-weighted VGG19 variant once per test class.</summary>
public sealed class PrngExtractorFixture : IDisposable
{
    private readonly ConcurrentDictionary<(torch.ScalarType, Vgg19Preprocessing), Vgg19FeatureExtractor> _extractors = new();

    public Vgg19FeatureExtractor For(torch.ScalarType dtype, Vgg19Preprocessing preprocessing = Vgg19Preprocessing.Caffe) =>
        _extractors.GetOrAdd((dtype, preprocessing), key => PrngVgg19.Extractor(new Vgg19Options { DataType = key.Item1, Preprocessing = key.Item2 }));

    public void Dispose()
    {
        foreach (Vgg19FeatureExtractor extractor in _extractors.Values)
        {
            extractor.Dispose();
        }
    }
}
