namespace NeuralStyle.ResNet18.Onnx;

/// <summary>The parts of an ONNX model this backbone reads: the graph's nodes, inputs, outputs and float initializers.</summary>
/// <param name="Producer">The producer name and version (e.g. <c>CNTK 2.6</c>), for messages.</param>
/// <param name="Nodes">The graph's nodes, in file order.</param>
/// <param name="Inputs">Names of the graph inputs.</param>
/// <param name="Outputs">Names of the graph outputs.</param>
/// <param name="Initializers">Constant tensors by name.</param>
internal sealed record OnnxModel(
    string Producer,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, OnnxTensor> Initializers);

/// <summary>One operator of an ONNX graph.</summary>
/// <param name="OpType">The operator, e.g. <c>Conv</c>.</param>
/// <param name="Name">The node's name (may be empty).</param>
/// <param name="Inputs">Input value names.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Integer, integer-list and float attributes by name.</param>
internal sealed record OnnxNode(
    string OpType,
    string Name,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>The integer list attribute <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public IReadOnlyList<long> Ints(string name, IReadOnlyList<long> fallback) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) && a.Ints.Count > 0 ? a.Ints : fallback;

    /// <summary>The float attribute <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) && a.Float is float f ? f : fallback;

    /// <summary>The string attribute <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public string Text(string name, string fallback) =>
        Attributes.TryGetValue(name, out OnnxAttribute? a) && a.Text is string s ? s : fallback;

    /// <inheritdoc />
    public override string ToString() => $"{OpType} '{(Name.Length > 0 ? Name : string.Join(",", Outputs))}'";
}

/// <summary>An ONNX attribute value (only the kinds used by convolutional networks).</summary>
/// <param name="Ints">The <c>ints</c> list, or a one-element list holding <c>i</c>.</param>
/// <param name="Float">The <c>f</c> value when set.</param>
/// <param name="Text">The <c>s</c> value when set.</param>
internal sealed record OnnxAttribute(IReadOnlyList<long> Ints, float? Float, string? Text);

/// <summary>A float initializer.</summary>
/// <param name="Name">The value name.</param>
/// <param name="Dimensions">Its shape.</param>
/// <param name="Values">Its values in row-major order.</param>
internal sealed record OnnxTensor(string Name, long[] Dimensions, float[] Values);
