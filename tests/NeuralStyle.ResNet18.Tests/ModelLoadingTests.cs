using NeuralStyle.Features;
using NeuralStyle.ResNet18.Network;
using NeuralStyle.ResNet18.Onnx;

namespace NeuralStyle.ResNet18.Tests;

/// <summary>Finding the model file and refusing files that are not it.</summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("neuralstyle-resnet18-").FullName;

    [Fact]
    public void TheModelIsFoundInTheAppOutputWithoutAnyPath()
    {
        string path = ResNet18ModelLocator.Locate();
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, ResNet18ModelLocator.RelativePath), path);
        Assert.True(new FileInfo(path).Length > 40_000_000);
    }

    [Fact]
    public void AMissingExplicitPathNamesThePathAndThePackage()
    {
        string missing = Path.Combine(_directory, "nope.onnx");
        var error = Assert.Throws<FileNotFoundException>(() => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = missing }));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(ResNet18ModelLocator.PackageId, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    [InlineData(0.0001)]
    public void ATruncatedModelIsRefusedAsUnreadable(double fraction)
    {
        byte[] model = File.ReadAllBytes(ResNet18ModelLocator.Locate());
        string path = Path.Combine(_directory, "truncated.onnx");
        File.WriteAllBytes(path, model.AsSpan(0, (int)(model.Length * fraction)).ToArray());

        var error = Assert.Throws<InvalidWeightsException>(() => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = path }));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherOnnxModelIsRefusedWithTheNodeThatDidNotFit()
    {
        var error = Assert.Throws<InvalidWeightsException>(() =>
            ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = ResNet18Fixture.PreprocessModelPath }));
        Assert.Contains("does not hold the expected ResNet18", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected one Conv reading 'OriginalInput'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GarbageIsRefusedAsUnreadable()
    {
        string path = Path.Combine(_directory, "garbage.onnx");
        File.WriteAllBytes(path, Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray());
        var error = Assert.Throws<InvalidWeightsException>(() => ResNet18FeatureExtractor.Load(new ResNet18Options { ModelPath = path }));
        Assert.Contains("not a readable ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGraphThatLoopsBackIsRefusedNotTracedForEver()
    {
        OnnxModel model = OnnxModelReader.Read(ResNet18ModelLocator.Locate());
        string pooled = model.Nodes.Single(n => n.OpType == "MaxPool").Outputs[0];

        // The first block's last Relu made to write the block's own input: a cycle.
        OnnxNode add = model.Nodes.First(n => n.OpType == "Add" && n.Inputs.Contains(pooled));
        OnnxNode relu = model.Nodes.Single(n => n.OpType == "Relu" && n.Inputs.Contains(add.Outputs[0]));
        OnnxModel cyclic = model with { Nodes = [.. model.Nodes.Select(n => n == relu ? n with { Outputs = [pooled] } : n)] };

        FormatException refused = await Task.Run(() => Assert.Throws<FormatException>(() => ResNet18GraphLoader.Load(cyclic, TorchSharp.torch.ScalarType.Float32, TorchSharp.torch.CPU)))
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains($"{ResNet18Layer.BlocksPerStage.Sum()} basic blocks, found more (or a cycle)", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "Invalid protobuf field number")]
    public void AFieldNumberBeyondProtobufsIsAFormatError(byte[] bytes, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => OnnxModelReader.Parse(bytes)).Message, StringComparison.Ordinal);

    [Fact]
    public void NonFloatingDataTypesAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = TorchSharp.torch.ScalarType.Int32 }));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
