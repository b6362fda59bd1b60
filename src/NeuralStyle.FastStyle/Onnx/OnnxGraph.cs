using System.Runtime.InteropServices;

namespace NeuralStyle.FastStyle.Onnx;

/// <summary>
/// An ONNX graph being built (onnx.proto3's <c>GraphProto</c>): nodes in order, initializers,
/// and fresh value names. Field numbers are those of onnx.proto3.
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private int _next;

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Constant(string name, float[] values, long[] shape)
    {
        _initializers.Add(Tensor(name, FloatType, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds an int64 initializer and returns its name.</summary>
    public string Constant(string name, long[] values)
    {
        _initializers.Add(Tensor(name, Int64Type, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string[] inputs, params (string Name, object Value)[] attributes)
    {
        string output = $"{opType.ToLowerInvariant()}_{_next++}";
        Node(opType, inputs, output, attributes);
        return output;
    }

    /// <summary>Adds a node whose output has the given name.</summary>
    public void Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, $"{opType}_{_nodes.Count}").String(4, opType);
        foreach ((string name, object value) in attributes)
        {
            node.Message(5, Attribute(name, value));
        }

        _nodes.Add(node);
    }

    /// <summary>The <c>GraphProto</c> with one float input and one float output, both <c>[batch, 3, height, width]</c>.</summary>
    public ProtoWriter Build(string name, string input, string output)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in _nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, name);
        foreach (ProtoWriter initializer in _initializers)
        {
            graph.Message(5, initializer);
        }

        graph.Message(11, ImageValue(input)).Message(12, ImageValue(output));
        return graph;
    }

    private static ProtoWriter ImageValue(string name)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().String(2, "batch"))
            .Message(1, new ProtoWriter().Varint(1, 3))
            .Message(1, new ProtoWriter().String(2, "height"))
            .Message(1, new ProtoWriter().String(2, "width"));
        var tensorType = new ProtoWriter().Varint(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static ProtoWriter Tensor(string name, int dataType, long[] shape, byte[] raw)
    {
        var tensor = new ProtoWriter().PackedInt64(1, shape).Varint(2, dataType).String(8, name);
        return tensor.Bytes(9, raw);
    }

    private static ProtoWriter Attribute(string name, object value)
    {
        var attribute = new ProtoWriter().String(1, name);
        return value switch
        {
            float f => attribute.Float(2, f).Varint(20, 1),
            long i => attribute.Varint(3, i).Varint(20, 2),
            string s => attribute.String(4, s).Varint(20, 3),
            long[] ints => attribute.PackedInt64(8, ints).Varint(20, 7),
            _ => throw new ArgumentException($"Unsupported attribute value {value.GetType().Name}.", nameof(value)),
        };
    }
}
