using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Losses;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.Tests.Engine;

public sealed class ObjectiveTests
{
    private static readonly WeightedLayer[] BothLayers = [new(TinyExtractor.First, 1), new(TinyExtractor.Second, 0.5)];

    [Fact]
    public void The_terms_add_to_their_own_sums_with_their_weights()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        torch.Tensor image = Image(1), photo = Image(2), style = Image(3);
        using var objective = new Objective(
        [
            new ContentTerm(BothLayers, 2, ContentLossFormula.MeanSquare, Detached(extractor.ExtractRgb(photo, [TinyExtractor.First, TinyExtractor.Second]))),
            StyleTerm.Blend(BothLayers, 3, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [new StyleTensor(style)], extractor.ExtractRgb),
            new TotalVariationTerm(4, TotalVariationFormula.MeanSquare),
        ]);

        IReadOnlyDictionary<FeatureLayer, torch.Tensor> features = extractor.ExtractRgb(image, objective.Layers);
        ObjectiveEvaluation sums = objective.Evaluate(image, features);

        IReadOnlyDictionary<FeatureLayer, torch.Tensor> photoFeatures = extractor.ExtractRgb(photo, objective.Layers);
        var content = new ContentLoss(ContentLossFormula.MeanSquare);
        double expectedContent = (content.Compute(features[TinyExtractor.First], photoFeatures[TinyExtractor.First]).ToDouble() * 1 * 2)
            + (content.Compute(features[TinyExtractor.Second], photoFeatures[TinyExtractor.Second]).ToDouble() * 0.5 * 2);
        Assert.Equal(expectedContent, sums.Content.ToDouble(), 5);
        Assert.True(expectedContent > 0);
        Assert.Equal(new TotalVariationLoss(TotalVariationFormula.MeanSquare).Compute(image).ToDouble() * 4, sums.TotalVariation.ToDouble(), 5);
        Assert.True(sums.Style.ToDouble() > 0);
        Assert.Equal(5, sums.Losses.Count);
        Assert.Equal([2.0, 1.0, 3.0, 1.5, 4.0], sums.Losses.Select(l => l.Weight));
        Assert.Null(sums.Losses[^1].Features);
    }

    [Fact]
    public void A_style_term_is_zero_on_its_own_style_and_positive_elsewhere()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        torch.Tensor style = Image(3);
        using var objective = new Objective([StyleTerm.Blend(BothLayers, 1, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [new StyleTensor(style)], extractor.ExtractRgb)]);

        double itself = objective.Evaluate(style, extractor.ExtractRgb(style, objective.Layers)).Style.ToDouble();
        double other = objective.Evaluate(Image(4), extractor.ExtractRgb(Image(4), objective.Layers)).Style.ToDouble();

        Assert.Equal(0, itself, 9);
        Assert.True(other > 1e-6, $"style loss of another image {other}");
    }

    [Fact]
    public void A_batch_sums_its_images_and_a_content_term_without_targets_compares_each_with_its_reference()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        torch.Tensor outputs = torch.cat([Image(5), Image(6)]), inputs = torch.cat([Image(7), Image(8)]);
        using var objective = new Objective(
        [
            new ContentTerm(BothLayers, 1, ContentLossFormula.SumOfSquares),
            StyleTerm.Blend(BothLayers, 1, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [new StyleTensor(Image(3))], extractor.ExtractRgb),
            new TotalVariationTerm(1, TotalVariationFormula.MeanAbsolute),
        ]);

        ObjectiveEvaluation batch = objective.Evaluate(outputs, extractor.ExtractRgb(outputs, objective.Layers), extractor.ExtractRgb(inputs, objective.Layers));
        ObjectiveEvaluation[] single = Enumerable.Range(0, 2)
            .Select(i => objective.Evaluate(
                outputs.narrow(0, i, 1),
                extractor.ExtractRgb(outputs.narrow(0, i, 1), objective.Layers),
                extractor.ExtractRgb(inputs.narrow(0, i, 1), objective.Layers)))
            .ToArray();

        AssertClose(single.Sum(s => s.Content.ToDouble()), batch.Content.ToDouble());
        AssertClose(single.Sum(s => s.Style.ToDouble()), batch.Style.ToDouble());
        AssertClose(single.Sum(s => s.TotalVariation.ToDouble()), batch.TotalVariation.ToDouble());
        Assert.True(batch.Content.ToDouble() > 0);
        ObjectiveEvaluation same = objective.Evaluate(outputs, extractor.ExtractRgb(outputs, objective.Layers), extractor.ExtractRgb(outputs, objective.Layers));
        Assert.Equal(0, same.Content.ToDouble(), 9);
    }

    [Fact]
    public void A_content_term_without_targets_or_reference_says_what_it_needs()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        torch.Tensor image = Image(1);
        using var objective = new Objective([new ContentTerm(BothLayers, 1, ContentLossFormula.MeanSquare)]);

        var error = Assert.Throws<ArgumentException>(() => objective.Evaluate(image, extractor.ExtractRgb(image, objective.Layers)));
        Assert.Contains("TermInput.Reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terms_without_weight_give_no_loss_and_read_no_active_layer()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        torch.Tensor image = Image(1);
        using var objective = new Objective(
        [
            new ContentTerm([new WeightedLayer(TinyExtractor.Second, 1)], 0, ContentLossFormula.MeanSquare),
            StyleTerm.Blend([new WeightedLayer(TinyExtractor.First, 1)], 1, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [new StyleTensor(Image(3))], extractor.ExtractRgb),
            new TotalVariationTerm(0, TotalVariationFormula.MeanSquare),
        ]);

        Assert.Equal([TinyExtractor.Second, TinyExtractor.First], objective.Layers);
        Assert.Equal([TinyExtractor.First], objective.ActiveLayers);
        ObjectiveEvaluation sums = objective.Evaluate(image, extractor.ExtractRgb(image, objective.ActiveLayers));
        Assert.Equal(0, sums.Content.ToDouble());
        Assert.Equal(0, sums.TotalVariation.ToDouble());
        Assert.Single(sums.Losses);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_term_weight_must_be_finite_and_not_negative(double weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TotalVariationTerm(weight, TotalVariationFormula.MeanSquare));
        Assert.Contains("0 turns the term off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_style_term_refuses_a_bad_weight_or_no_style_before_computing_targets()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        int extractions = 0;
        FeatureSource counting = (image, layers) =>
        {
            extractions++;
            return extractor.ExtractRgb(image, layers);
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => StyleTerm.Blend(BothLayers, -1, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [new StyleTensor(Image(3))], counting));
        Assert.Throws<ArgumentException>(() => StyleTerm.Blend(BothLayers, 1, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [], counting));
        Assert.Throws<ArgumentException>(() => StyleTerm.Blend(BothLayers, 1, StyleLossKind.Gram, StyleLossFormula.NormalizedGram, [new StyleTensor(Image(3), 0)], counting));
        Assert.Equal(0, extractions);
    }

    [Fact]
    public void An_objective_needs_a_term()
    {
        Assert.Throws<ArgumentException>(() => new Objective([]));
    }

    [Fact]
    public void An_extension_term_composes_with_the_built_in_ones()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor image = Image(1);
        using var objective = new Objective([new TotalVariationTerm(1, TotalVariationFormula.MeanSquare), new BrightnessTerm(2)]);

        ObjectiveEvaluation sums = objective.Evaluate(image, new Dictionary<FeatureLayer, torch.Tensor>());

        double expected = new TotalVariationLoss(TotalVariationFormula.MeanSquare).Compute(image).ToDouble() + (2 * image.mean().ToDouble());
        Assert.Equal(expected, sums.TotalVariation.ToDouble(), 5);
    }

    [Fact]
    public void Disposing_the_objective_releases_the_targets_its_terms_own()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        Dictionary<FeatureLayer, torch.Tensor> targets = Detached(extractor.ExtractRgb(Image(2), [TinyExtractor.First, TinyExtractor.Second]));
        var objective = new Objective([new ContentTerm(BothLayers, 1, ContentLossFormula.MeanSquare, targets)]);

        objective.Dispose();

        Assert.All(targets.Values, t => Assert.True(t.IsInvalid));
    }

    [Fact]
    public void Content_targets_must_cover_every_layer()
    {
        using var scope = torch.NewDisposeScope();
        using var extractor = new TinyExtractor();
        Dictionary<FeatureLayer, torch.Tensor> targets = Detached(extractor.ExtractRgb(Image(2), [TinyExtractor.First]));

        var error = Assert.Throws<ArgumentException>(() => new ContentTerm(BothLayers, 1, ContentLossFormula.MeanSquare, targets));
        Assert.Contains("tiny2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Equal to float32 precision (the sums are float32 tensors, added in another order).</summary>
    private static void AssertClose(double expected, double actual) => Assert.Equal(expected, actual, Math.Abs(expected) * 1e-6);

    private static torch.Tensor Image(int seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        return torch.rand([1, 3, 16, 16], generator: generator);
    }

    private static Dictionary<FeatureLayer, torch.Tensor> Detached(IReadOnlyDictionary<FeatureLayer, torch.Tensor> features) =>
        features.ToDictionary(p => p.Key, p => p.Value.detach().DetachFromDisposeScope());

    /// <summary>What an extension's own term looks like: the mean brightness, counted with total variation.</summary>
    private sealed class BrightnessTerm(double weight) : ObjectiveTerm(ObjectiveTermKind.TotalVariation, weight)
    {
        public override IReadOnlyList<FeatureLayer> Layers => [];

        public override IEnumerable<WeightedLoss> Losses(TermInput input) => [new WeightedLoss(input.Image.mean(), Weight, null)];
    }
}
