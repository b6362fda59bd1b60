namespace NeuralStyle.ResNet18.Tests;

/// <summary>One ResNet18 extractor (float32, CPU) shared by a test class: loading reads 64 MB.</summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18FeatureExtractor Extractor { get; } = ResNet18FeatureExtractor.Load();

    public static string ModelPath => ResNet18ModelLocator.Locate();

    public static string PreprocessModelPath => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    public void Dispose() => Extractor.Dispose();
}
