using NeuralStyle.Features;
using NeuralStyle.Losses;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using TorchSharp;

namespace NeuralStyle.Benchmarks.Support;

/// <summary>A backbone, the default objective on a random image of a given size, and the bare forward+backward floor.</summary>
public sealed class BenchmarkSubject : IDisposable
{
    private BenchmarkSubject(IFeatureExtractor extractor, StyleObjective objective, torch.Tensor image, FeatureLayer deepest)
    {
        Extractor = extractor;
        Objective = objective;
        Image = image;
        Deepest = deepest;
    }

    public IFeatureExtractor Extractor { get; }

    public StyleObjective Objective { get; }

    public torch.Tensor Image { get; }

    public FeatureLayer Deepest { get; }

    public static IFeatureExtractor CreateExtractor(BackboneKind kind, bool mixedPrecision = false, bool channelsLast = false)
    {
        torch.ScalarType dtype = mixedPrecision ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32;
        IFeatureExtractor extractor;
        if (kind == BackboneKind.ResNet18)
        {
            extractor = ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = dtype });
        }
        else
        {
            using var state = new StateDictionary(Vgg19FeatureExtractor.TorchvisionKeys.Take(26)
                .Select(k => KeyValuePair.Create(k.Key, torch.randn(k.Shape).mul_(0.02))));
            extractor = Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu5_1, DataType = dtype, ChannelsLast = channelsLast });
        }

        return mixedPrecision ? new MixedPrecisionExtractor(extractor) : extractor;
    }

    public static BenchmarkSubject Create(BackboneKind kind, int size, bool mixedPrecision = false, bool channelsLast = false)
    {
        IFeatureExtractor extractor = CreateExtractor(kind, mixedPrecision, channelsLast);
        RecommendedLayers layers = extractor.Recommended;
        var definition = new ObjectiveDefinition(
            [new WeightedLayer(layers.Content, 1)], layers.Style, 1, 10, 10,
            ContentLossFormula.Relative, StyleLossFormula.Relative, TotalVariationFormula.MeanSquare);
        torch.Tensor image = torch.rand(1, 3, size, size);
        using torch.Tensor style = torch.rand(1, 3, size, size);
        var objective = new StyleObjective(extractor, definition, OptimizationSpace.Rgb, image, [(style, 1.0)]);
        FeatureLayer deepest = layers.Style.Select(s => s.Layer).Append(layers.Content).MaxBy(l => l.Depth)!;
        return new BenchmarkSubject(extractor, objective, image, deepest);
    }

    /// <summary>The floor: forward to the deepest layer used and backward to the image, nothing else.</summary>
    public double BareForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = Image.detach().requires_grad_(true);
        torch.Tensor features = Extractor.Extract(x, [Deepest])[Deepest];
        torch.Tensor gradient = torch.autograd.grad([features.sum()], [x])[0];
        return gradient[0, 0, 0, 0].ToDouble();
    }

    /// <summary>One full evaluation of the objective (all losses and the gradient).</summary>
    public double FullEvaluation()
    {
        LossBreakdown losses = Objective.Evaluate(Image, out torch.Tensor gradient);
        gradient.Dispose();
        return losses.Total;
    }

    public void Dispose()
    {
        Objective.Dispose();
        Extractor.Dispose();
        Image.Dispose();
    }
}
