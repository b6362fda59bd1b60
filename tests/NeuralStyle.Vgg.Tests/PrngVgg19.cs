using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>The deterministic VGG19 weights and images of shared/fixtures/README.md, rebuilt in C#.</summary>
public static class PrngVgg19
{
    private static readonly Lazy<Dictionary<string, float[]>> Values = new(BuildValues);

    /// <summary>A fresh state dictionary of torchvision keys (first <paramref name="convolutions"/> convolutions). Caller disposes.</summary>
    public static StateDictionary StateDict(int convolutions = 16) => new(
        Vgg19FeatureExtractor.TorchvisionKeys.Take(2 * convolutions)
            .Select(k => KeyValuePair.Create(k.Key, torch.tensor(Values.Value[k.Key], k.Shape).DetachFromDisposeScope())));

    /// <summary>An extractor with the PRNG weights.</summary>
    public static Vgg19FeatureExtractor Extractor(Vgg19Options? options = null)
    {
        using StateDictionary state = StateDict();
        return Vgg19FeatureExtractor.FromStateDict(state, options);
    }

    /// <summary>The fixture image <c>[1, 3, h, w]</c> = u·100 of stream <paramref name="seed"/>.</summary>
    public static torch.Tensor Image(ulong seed, int height, int width, torch.ScalarType dtype = torch.ScalarType.Float32) =>
        torch.tensor(SplitMix64.Floats(seed, 3L * height * width, 100), [1, 3, height, width]).to(dtype);

    /// <summary>The raw float32 values of one key.</summary>
    public static float[] ValuesOf(string key) => Values.Value[key];

    private static Dictionary<string, float[]> BuildValues()
    {
        var values = new Dictionary<string, float[]>();
        int k = 0;
        foreach ((string key, long[] shape) in Vgg19FeatureExtractor.TorchvisionKeys)
        {
            long count = shape.Aggregate(1L, (a, b) => a * b);
            double scale = shape.Length == 4 ? Math.Sqrt(6.0 / (shape[1] * shape[2] * shape[3])) : 0.01;
            values[key] = SplitMix64.Floats((ulong)(1000 + k), count, scale);
            k++;
        }

        return values;
    }
}
