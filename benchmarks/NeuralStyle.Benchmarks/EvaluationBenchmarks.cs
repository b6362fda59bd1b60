using BenchmarkDotNet.Attributes;
using NeuralStyle.Benchmarks.Support;

namespace NeuralStyle.Benchmarks;

/// <summary>
/// The floor ratio: one full evaluation of the default objective (forward to the deepest layer,
/// content + style + TV losses, backward to the image) against the bare libtorch forward and
/// backward of the same backbone to the same depth at the same size. Comparing the two backbones'
/// full evaluations gives the backbone cost ratio.
/// </summary>
[MemoryDiagnoser]
[InProcess] // the host built here carries the libstdc++-fixed native library; a generated one would not
[MinIterationCount(5)]
[MaxIterationCount(12)]
[WarmupCount(2)]
public class EvaluationBenchmarks
{
    private BenchmarkSubject _subject = null!;

    [Params(BackboneKind.ResNet18, BackboneKind.Vgg19)]
    public BackboneKind Backbone { get; set; }

    [Params(256, 512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _subject = BenchmarkSubject.Create(Backbone, Size);

    [Benchmark(Baseline = true, Description = "bare forward+backward")]
    public double BareForwardBackward() => _subject.BareForwardBackward();

    [Benchmark(Description = "full evaluation")]
    public double FullEvaluation() => _subject.FullEvaluation();

    [GlobalCleanup]
    public void Cleanup() => _subject.Dispose();
}
