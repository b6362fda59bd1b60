using BenchmarkDotNet.Attributes;
using NeuralStyle.Features;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using TorchSharp;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// Cost of one objective evaluation (forward to relu5_1, all losses, backward) against the bare
/// libtorch forward and backward of the same network to the same depth: the floor ratio.
/// Weights are random (timing does not depend on their values).
/// </summary>
[MemoryDiagnoser]
[InProcess] // the host built here carries the libstdc++-fixed native library; a generated one would not
public class EvaluationBenchmarks
{
    private Vgg19FeatureExtractor _extractor = null!;
    private StyleObjective _objective = null!;
    private torch.Tensor _image = null!;

    [Params(128, 256)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using (var state = new StateDictionary(Vgg19FeatureExtractor.TorchvisionKeys.Take(26)
            .Select(k => KeyValuePair.Create(k.Key, torch.randn(k.Shape).mul_(0.02)))))
        {
            _extractor = Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu5_1 });
        }

        RecommendedLayers layers = _extractor.Recommended;
        var definition = new ObjectiveDefinition(
            [new WeightedLayer(layers.Content, 1)], layers.Style, 1, 10, 10,
            Losses.ContentLossFormula.Relative, Losses.StyleLossFormula.Relative, Losses.TotalVariationFormula.MeanSquare);
        _image = torch.rand(1, 3, Size, Size);
        using torch.Tensor style = torch.rand(1, 3, Size, Size);
        _objective = new StyleObjective(_extractor, definition, OptimizationSpace.Rgb, _image, [(style, 1.0)]);
    }

    [Benchmark(Baseline = true, Description = "bare forward+backward to relu5_1")]
    public double BareForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = _image.detach().requires_grad_(true);
        torch.Tensor features = _extractor.Extract(x, [Vgg19Layer.Relu5_1])[Vgg19Layer.Relu5_1];
        torch.Tensor gradient = torch.autograd.grad([features.sum()], [x])[0];
        return gradient[0, 0, 0, 0].ToDouble();
    }

    [Benchmark(Description = "full evaluation (all losses)")]
    public double FullEvaluation()
    {
        LossBreakdown losses = _objective.Evaluate(_image, out torch.Tensor gradient);
        gradient.Dispose();
        return losses.Total;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _objective.Dispose();
        _extractor.Dispose();
        _image.Dispose();
    }
}
