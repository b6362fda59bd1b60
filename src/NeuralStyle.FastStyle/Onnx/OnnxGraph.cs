using System.Runtime.InteropServices;

namespace NeuralStyle.FastStyle.Onnx;

/// <summary>
/// An ONNX graph being built (onnx.proto3's <c>GraphProto</c>): nodes in order, initializers,
/// and fresh value names. Field numbers are those of onnx.proto3.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>onnx.proto3's <c>TensorProto.DataType</c> of float32.</summary>
    public const int FloatType = 1;

    /// <summary>... of int64.</summary>
    public const int Int64Type = 7;

    /// <summary>... of bool.</summary>
    public const int BoolType = 9;

    /// <summary>... of float64.</summary>
    public const int DoubleType = 11;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly string _prefix;
    private int _next;

    /// <summary>
    /// A graph whose node outputs are named <paramref name="prefix"/> and a number (short: the built-in
    /// styles' exports are held to 2 MB; a subgraph's prefix keeps its names apart from the graph around it).
    /// Nodes are left unnamed (optional in ONNX; a viewer shows their operation).
    /// </summary>
    public OnnxGraph(string prefix = "v") => _prefix = prefix;

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Constant(string name, float[] values, long[] shape)
    {
        _initializers.Add(Tensor(name, FloatType, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds a float64 initializer and returns its name.</summary>
    public string Constant(string name, double[] values, long[] shape)
    {
        _initializers.Add(Tensor(name, DoubleType, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds an int64 initializer (a vector) and returns its name.</summary>
    public string Constant(string name, long[] values) => Constant(name, values, [values.Length]);

    /// <summary>Adds an int64 initializer of <paramref name="shape"/> (<c>[]</c>: a scalar) and returns its name.</summary>
    public string Constant(string name, long[] values, long[] shape)
    {
        _initializers.Add(Tensor(name, Int64Type, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string[] inputs, params (string Name, object Value)[] attributes)
    {
        string output = $"{_prefix}{_next++}";
        Node(opType, inputs, output, attributes);
        return output;
    }

    /// <summary>Adds a node whose output has the given name.</summary>
    public void Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes) =>
        Node(opType, inputs, [output], attributes);

    /// <summary>Adds a node whose outputs have the given names (a <c>Loop</c>'s final values).</summary>
    public void Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        foreach (string output in outputs)
        {
            node.String(2, output);
        }

        node.String(4, opType);
        foreach ((string name, object value) in attributes)
        {
            node.Message(5, Attribute(name, value));
        }

        _nodes.Add(node);
    }

    /// <summary>The <c>GraphProto</c> with one float input and one float output, both <c>[batch, 3, height, width]</c>.</summary>
    public ProtoWriter Build(string name, string input, string output) => Build(name, [ImageValue(input)], [ImageValue(output)]);

    /// <summary>
    /// The <c>GraphProto</c> of a subgraph (a <c>Loop</c>'s body): inputs and outputs of the given types,
    /// scalars or of shapes left to the runtime; it may read values of the graph around it.
    /// </summary>
    public ProtoWriter BuildBody(string name, (string Name, int Type, bool Scalar)[] inputs, (string Name, int Type, bool Scalar)[] outputs) =>
        Build(name, [.. inputs.Select(i => Value(i.Name, i.Type, i.Scalar))], [.. outputs.Select(o => Value(o.Name, o.Type, o.Scalar))]);

    private ProtoWriter Build(string name, ProtoWriter[] inputs, ProtoWriter[] outputs)
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

        foreach (ProtoWriter input in inputs)
        {
            graph.Message(11, input);
        }

        foreach (ProtoWriter output in outputs)
        {
            graph.Message(12, output);
        }

        return graph;
    }

    /// <summary>A <c>ValueInfoProto</c> of a tensor of <paramref name="type"/>: a scalar, or of a shape left unsaid.</summary>
    private static ProtoWriter Value(string name, int type, bool scalar)
    {
        var tensorType = new ProtoWriter().Varint(1, type);
        if (scalar)
        {
            tensorType.Message(2, new ProtoWriter());
        }

        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
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
            ProtoWriter graph => attribute.Message(6, graph).Varint(20, 5),
            _ => throw new ArgumentException($"Unsupported attribute value {value.GetType().Name}.", nameof(value)),
        };
    }
}
