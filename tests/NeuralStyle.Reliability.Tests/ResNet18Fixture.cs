using NeuralStyle.ResNet18;

namespace NeuralStyle.Reliability.Tests;

/// <summary>One real ResNet18 extractor shared by a test class.</summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18FeatureExtractor Extractor { get; } = ResNet18FeatureExtractor.Load();

    public void Dispose() => Extractor.Dispose();
}
