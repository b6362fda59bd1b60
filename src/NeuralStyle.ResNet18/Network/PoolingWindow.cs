namespace NeuralStyle.ResNet18.Network;

/// <summary>A square pooling window.</summary>
/// <param name="Kernel">Window side.</param>
/// <param name="Stride">Step.</param>
/// <param name="Padding">ONNX padding.</param>
internal sealed record PoolingWindow(long Kernel, long Stride, OnnxPadding Padding);
