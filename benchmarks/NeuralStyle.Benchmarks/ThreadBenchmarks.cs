using BenchmarkDotNet.Attributes;
using NeuralStyle.Benchmarks.Support;
using TorchSharp;

namespace NeuralStyle.Benchmarks;

/// <summary>Intra-op thread scaling of one full evaluation at 256 px.</summary>
[InProcess]
[MinIterationCount(5)]
[MaxIterationCount(12)]
[WarmupCount(2)]
public class ThreadBenchmarks
{
    private BenchmarkSubject _subject = null!;
    private int _defaultThreads;

    [Params(BackboneKind.ResNet18, BackboneKind.Vgg19)]
    public BackboneKind Backbone { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _defaultThreads = torch.get_num_threads();
        torch.set_num_threads(Threads);
        _subject = BenchmarkSubject.Create(Backbone, 256);
    }

    [Benchmark(Description = "full evaluation, 256 px")]
    public double FullEvaluation() => _subject.FullEvaluation();

    [GlobalCleanup]
    public void Cleanup()
    {
        _subject.Dispose();
        torch.set_num_threads(_defaultThreads);
    }
}
