using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.ResNet18;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using TorchSharp;

namespace NeuralStyle.Benchmarks.Support;

/// <summary>A backbone, the default objective on a random image of a given size, and the bare forward+backward floor.</summary>
internal sealed class BenchmarkSubject : IDisposable
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
        ResolvedObjective definition = DefaultObjective(extractor);
        torch.Tensor image = torch.rand(1, 3, size, size);
        using torch.Tensor style = torch.rand(1, 3, size, size);
        StyleObjective objective = TestObjectives.Objective(extractor, definition, image, [(style, 1.0)]);
        return new BenchmarkSubject(extractor, objective, image, definition.Deepest);
    }

    /// <summary>The default preset's objective on <paramref name="extractor"/>: its recommended layers.</summary>
    public static ResolvedObjective DefaultObjective(IFeatureExtractor extractor) =>
        TestObjectives.Resolve(extractor, StyleTransferSettings.Default.Objective);

    /// <summary>The floor: forward to the deepest layer used and backward to the image, nothing else.</summary>
    public double BareForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = Image.detach().requires_grad_(true);
        torch.Tensor features = TestObjectives.Features(Extractor, x, [Deepest])[Deepest];
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
