using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.Tests.Engine;

/// <summary>The style targets a transfer stylizer's calls share: computed once per key, handed out as copies, the least recently used dropped first.</summary>
public sealed class StyleTargetCacheTests
{
    [Fact]
    public void A_key_seen_again_is_served_a_copy_without_computing_again()
    {
        using var scope = torch.NewDisposeScope();
        using var cache = new StyleTargetCache();
        int computed = 0;
        Dictionary<FeatureLayer, torch.Tensor> first = cache.GetOrCompute("a", () => Targets(++computed));
        Dictionary<FeatureLayer, torch.Tensor> second = cache.GetOrCompute("a", () => Targets(++computed));

        Assert.Equal(1, computed);
        Assert.Equal((1, 1), (cache.Computed, cache.Reused));
        Assert.Equal(1f, second[TinyExtractor.First].item<float>());

        // Each caller owns what it got: changing or disposing it leaves the cache's own copy.
        second[TinyExtractor.First].fill_(9);
        first[TinyExtractor.First].Dispose();
        Assert.Equal(1f, cache.GetOrCompute("a", () => Targets(++computed))[TinyExtractor.First].item<float>());
        Assert.Equal(1, computed);
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_used_key_is_computed_again()
    {
        using var scope = torch.NewDisposeScope();
        using var cache = new StyleTargetCache(capacity: 2);
        var computed = new List<string>();
        Dictionary<FeatureLayer, torch.Tensor> Get(string key) => cache.GetOrCompute(key, () => { computed.Add(key); return Targets(computed.Count); });

        Get("a");
        Get("b");
        Get("a"); // a is now the most recently used
        Get("c"); // drops b
        Get("a");
        Get("b");

        Assert.Equal(["a", "b", "c", "b"], computed);
    }

    [Fact]
    public void The_key_tells_apart_the_loss_the_layers_and_each_style_s_weight_size_and_pixels()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor image = torch.rand([1, 3, 8, 8], generator: new torch.Generator(3));
        string Key(string loss, FeatureLayer[] layers, params StyleTensor[] styles) => StyleTargetCache.KeyOf(loss, layers, styles);
        FeatureLayer[] both = [TinyExtractor.First, TinyExtractor.Second];

        string key = Key("Gram", both, new StyleTensor(image, 1));
        Assert.Equal(key, Key("Gram", both, new StyleTensor(image.clone(), 1)));
        Assert.NotEqual(key, Key("MeanCovariance", both, new StyleTensor(image, 1)));
        Assert.NotEqual(key, Key("Gram", [TinyExtractor.Second], new StyleTensor(image, 1)));
        Assert.NotEqual(key, Key("Gram", both, new StyleTensor(image, 0.5)));
        Assert.NotEqual(key, Key("Gram", both, new StyleTensor(image[.., .., ..4, ..], 1)));
        Assert.NotEqual(key, Key("Gram", both, new StyleTensor(image + 1e-3, 1)));
        Assert.NotEqual(key, Key("Gram", both, new StyleTensor(image, 1), new StyleTensor(image, 1)));
    }

    private static Dictionary<FeatureLayer, torch.Tensor> Targets(float value) =>
        new() { [TinyExtractor.First] = torch.tensor(value) };
}
