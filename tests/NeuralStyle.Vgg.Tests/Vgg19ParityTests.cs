using System.Text.Json;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Losses;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>VGG19 layers, the Keras example's losses and normalised Grams against real PyTorch values.</summary>
public sealed class Vgg19ParityTests : IClassFixture<PrngExtractorFixture>
{
    private const int Height = 48, Width = 64;
    private readonly PrngExtractorFixture _fixture;

    public Vgg19ParityTests(PrngExtractorFixture fixture) => _fixture = fixture;

    [Fact]
    public void SplitMix64MatchesTheFixtureStream()
    {
        double[] expected = ParityFixture.Json.GetProperty("prng_first").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], NeuralStyle.Testing.SplitMix64.Uniform(1000, i));
        }
    }

    [Fact]
    public void LayerNamesAndDepthsMatchTorchvision()
    {
        var names = ParityFixture.Json.GetProperty("layer_names").EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString());
        Assert.Equal(names.Count, Vgg19Layer.All.Count);
        foreach (Vgg19Layer layer in Vgg19Layer.All)
        {
            Assert.Equal(names[layer.Depth], layer.Name);
        }
    }

    [Theory]
    [InlineData(torch.ScalarType.Float32, 1e-4)]
    [InlineData(torch.ScalarType.Float64, 1e-9)]
    public void EveryLayerActivationMatchesPyTorch(torch.ScalarType dtype, double tolerance)
    {
        using var scope = torch.NewDisposeScope();
        Vgg19FeatureExtractor extractor = _fixture.For(dtype);
        torch.Tensor input = PrngVgg19.Image(13, Height, Width, dtype);
        var features = extractor.ExtractNormalized(input, extractor.Layers.ToArray());
        JsonElement expected = ParityFixture.Json.GetProperty("activations_of_combination");
        Assert.Equal(37, features.Count);
        foreach ((FeatureLayer layer, torch.Tensor activation) in features)
        {
            // The reference ran torchvision's features, whose ReLUs are in place, so the convB_N
            // tensors it recorded were overwritten by their ReLU: the fixture's convB_N equals
            // reluB_N. Compare relu(convB_N) there, and check below that our convB_N really is
            // the pre-ReLU tensor.
            bool isConv = ((Vgg19Layer)layer).Kind == Vgg19LayerKind.Conv;
            torch.Tensor compared = isConv ? torch.nn.functional.relu(activation) : activation;
            Stats.AssertMatches(layer.Name, compared, expected.GetProperty(layer.Name), tolerance);
        }

        foreach (Vgg19Layer conv in Vgg19Layer.All.Where(l => l.Kind == Vgg19LayerKind.Conv))
        {
            torch.Tensor preActivation = features[conv];
            torch.Tensor postActivation = features[Vgg19Layer.Relu(conv.Block, conv.Number)];
            Assert.True(preActivation.lt(0).any().ToBoolean(), $"{conv.Name} has no negative value: it is not the pre-ReLU tensor");
            Assert.True(torch.nn.functional.relu(preActivation).equal(postActivation).all().ToBoolean(), $"relu({conv.Name}) differs from its ReLU layer");
        }
    }

    [Theory]
    [InlineData(torch.ScalarType.Float32, 2e-4)]
    [InlineData(torch.ScalarType.Float64, 1e-9)]
    public void KerasExampleLossesAndGradientMatchPyTorch(torch.ScalarType dtype, double tolerance)
    {
        using var scope = torch.NewDisposeScope();
        Vgg19FeatureExtractor extractor = _fixture.For(dtype);
        JsonElement seed = ParityFixture.Json.GetProperty("seed_loss");
        ResolvedObjective definition = TestObjectives.Resolve(extractor, StylePreset.KerasExample.Settings.Objective);
        torch.Tensor content = PrngVgg19.Image(11, Height, Width, dtype);
        torch.Tensor style = PrngVgg19.Image(12, Height, Width, dtype);
        torch.Tensor combination = PrngVgg19.Image(13, Height, Width, dtype);
        using StyleObjective objective = TestObjectives.Objective(extractor, definition, content, [(style, 1.0)], OptimizationSpace.NetworkInput);

        LossBreakdown losses = objective.Evaluate(combination, out torch.Tensor gradient);

        Stats.Close("content", seed.GetProperty("content_raw").GetDouble() * 2.5e-8, losses.Content, tolerance);
        Stats.Close("tv", seed.GetProperty("tv_raw").GetDouble() * 1e-6, losses.TotalVariation, tolerance);
        Stats.Close("total", seed.GetProperty("total").GetDouble(), losses.Total, tolerance);
        double expectedStyle = seed.GetProperty("style_raw_per_layer").EnumerateObject().Sum(p => p.Value.GetDouble()) * 1e-6 / 5;
        Stats.Close("style", expectedStyle, losses.Style, tolerance);
        Stats.AssertMatches("gradient", gradient, seed.GetProperty("grad"), tolerance * 10);

        // Each style layer on its own, through the GramStyleLoss module.
        var styleLoss = new GramStyleLoss(StyleLossFormula.KerasExample);
        var layers = definition.StyleLayers.Select(l => l.Layer).ToArray();
        var styleFeatures = extractor.ExtractNormalized(style, layers);
        var combinationFeatures = extractor.ExtractNormalized(combination, layers);
        foreach (JsonProperty layer in seed.GetProperty("style_raw_per_layer").EnumerateObject())
        {
            FeatureLayer id = extractor.ParseLayer(layer.Name);
            torch.Tensor target = styleLoss.Statistic(styleFeatures[id]);
            double actual = styleLoss.Compute(combinationFeatures[id], target, Height, Width).ToDouble();
            Stats.Close($"style {layer.Name}", layer.Value.GetDouble(), actual, tolerance);
        }
    }

    [Fact]
    public void NormalisedGramOfAnotherSizeMatchesPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        Vgg19FeatureExtractor extractor = _fixture.For(torch.ScalarType.Float32);
        torch.Tensor style = PrngVgg19.Image(14, 40, 56);
        var loss = new GramStyleLoss(StyleLossFormula.NormalizedGram);
        foreach (JsonProperty layer in ParityFixture.Json.GetProperty("normalised_gram_style_other_size").EnumerateObject())
        {
            FeatureLayer id = extractor.ParseLayer(layer.Name);
            torch.Tensor activation = extractor.ExtractNormalized(style, [id])[id];
            Assert.Equal(layer.Value.GetProperty("C").GetInt64(), activation.shape[1]);
            Assert.Equal(layer.Value.GetProperty("h").GetInt64(), activation.shape[2]);
            Assert.Equal(layer.Value.GetProperty("w").GetInt64(), activation.shape[3]);
            torch.Tensor gram = loss.Statistic(activation).to(torch.ScalarType.Float64);
            double absolute = 1e-4 * Math.Sqrt(layer.Value.GetProperty("sumsq").GetDouble());
            Stats.Close($"{layer.Name} sum", layer.Value.GetProperty("sum").GetDouble(), gram.sum().ToDouble(), 1e-4);
            Stats.Close($"{layer.Name} sumsq", layer.Value.GetProperty("sumsq").GetDouble(), gram.square().sum().ToDouble(), 1e-4);
            Stats.Close($"{layer.Name} diag0", layer.Value.GetProperty("diag0").GetDouble(), gram[0, 0].ToDouble(), 1e-4, absolute);
        }
    }

    [Theory]
    [InlineData(Vgg19Preprocessing.Caffe, "caffe_bgr_hwc")]
    [InlineData(Vgg19Preprocessing.Torchvision, "torch_rgb_hwc")]
    public void PreprocessingMatchesKerasAndTorchvision(Vgg19Preprocessing mode, string key)
    {
        using var scope = torch.NewDisposeScope();
        JsonElement fixture = ParityFixture.Json.GetProperty("preprocess");
        double[] rgb = Flatten(fixture.GetProperty("rgb_hwc"));
        double[] expected = Flatten(fixture.GetProperty(key));
        torch.Tensor image = torch.tensor(rgb, [1, 2, 3, 3]).permute(0, 3, 1, 2).div(255.0).to(torch.ScalarType.Float32);
        Vgg19FeatureExtractor extractor = _fixture.For(torch.ScalarType.Float32, mode);
        torch.Tensor normalized = extractor.Normalization.Normalize(image).permute(0, 2, 3, 1).contiguous().to(torch.ScalarType.Float64);
        double[] actual = normalized.data<double>().ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Stats.Close($"{key}[{i}]", expected[i], actual[i], 1e-5, 1e-5);
        }

        torch.Tensor roundTrip = extractor.Normalization.Denormalize(extractor.Normalization.Normalize(image));
        Assert.True(torch.allclose(roundTrip, image, rtol: 1e-5, atol: 1e-5));
    }

    private static double[] Flatten(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(Flatten).ToArray()
        : [element.GetDouble()];
}
