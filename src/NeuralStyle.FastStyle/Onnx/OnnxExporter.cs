using System.Globalization;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using TorchSharp;

namespace NeuralStyle.FastStyle.Onnx;

/// <summary>
/// Writes a fast style network as an ONNX model (opset 13, IR version 7) by interpreting
/// <see cref="NetworkPlan"/>, as the TorchSharp forward pass does: the input padded (reflecting)
/// to a multiple of 4 by a shape computation in the graph, so height and width are dynamic; the
/// output cropped back to the input's size and clamped to [0, 1]; then, for a model with a palette,
/// its palette step (<see cref="OnnxPalette"/>) at the share asked for.
/// </summary>
internal static class OnnxExporter
{
    /// <summary>The opset the graph uses.</summary>
    public const int Opset = 13;

    /// <summary>The graph's input name.</summary>
    public const string InputName = "image";

    /// <summary>The graph's output name.</summary>
    public const string OutputName = "stylized";

    /// <summary>The metadata key of the palette share the graph applies (0: none, the network's own colours).</summary>
    public const string PaletteShareKey = "palette_share";

    /// <summary>Writes the model to <paramref name="stream"/>, with its palette step at <paramref name="paletteShare"/> (none at 0 or without a palette).</summary>
    public static void Write(Stream stream, TransformerNet network, FastStyleModelInfo info, double paletteShare)
    {
        var graph = new OnnxGraph();
        string four = graph.Constant("four", [NetworkPlan.SideMultiple]);
        string zeros = graph.Constant("leading_pads", [0, 0, 0, 0, 0, 0]);
        string spatialAxes = graph.Constant("spatial_axes", [2, 3]);
        string origin = graph.Constant("origin", [0, 0]);

        // [H, W] of the input, and the bottom/right padding (4 - side % 4) % 4.
        string shape = graph.Node("Shape", [InputName]);
        string size = graph.Node("Slice", [shape, graph.Constant("hw_start", [2]), graph.Constant("hw_end", [4])]);
        string extra = graph.Node("Mod", [graph.Node("Sub", [four, graph.Node("Mod", [size, four])]), four]);
        string pads = graph.Node("Concat", [zeros, extra], ("axis", 0L));
        string x = graph.Node("Pad", [InputName, pads], ("mode", "reflect"));

        var shortcuts = new Stack<string>();
        foreach (NetworkOp op in NetworkPlan.Of(network.Architecture))
        {
            x = op switch
            {
                ConvOp conv => Convolution(graph, network, conv, x),
                NormOp norm => graph.Node(
                    "InstanceNormalization",
                    [x, Weights(graph, network, norm.WeightKey), Weights(graph, network, norm.BiasKey)],
                    ("epsilon", (float)NormOp.Epsilon)),
                ReluOp => graph.Node("Relu", [x]),
                ResidualStartOp => Remember(shortcuts, x),
                ResidualAddOp => graph.Node("Add", [x, shortcuts.Pop()]),
                _ => throw new InvalidOperationException($"Unhandled operation {op}."),
            };
        }

        string cropped = graph.Node("Slice", [x, origin, size, spatialAxes]);
        string[] clipBounds = [graph.Constant("zero", [0f], []), graph.Constant("one", [1f], [])];
        double applied = info.Palette is not null ? paletteShare : 0;
        if (applied > 0)
        {
            OnnxPalette.Recolor(graph, graph.Node("Clip", [cropped, .. clipBounds]), info.Palette!, applied, OutputName);
        }
        else
        {
            graph.Node("Clip", [cropped, .. clipBounds], OutputName);
        }

        // What the graph already did, so a runtime that reads the palette from the metadata does not recolour twice.
        WriteModel(stream, graph, $"fast-style {info.StyleName}".Trim(), info.LibraryVersion, [.. info.ToMetadata(), new(PaletteShareKey, applied.ToString("R", CultureInfo.InvariantCulture))]);
    }

    /// <summary>Writes <paramref name="graph"/> (input <see cref="InputName"/>, output <see cref="OutputName"/>) as a <c>ModelProto</c> with <paramref name="metadata"/>.</summary>
    internal static void WriteModel(Stream stream, OnnxGraph graph, string name, string producerVersion, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ProtoWriter()
            .Varint(1, 7)
            .String(2, "NeuralStyle.FastStyle")
            .String(3, producerVersion)
            .Message(7, graph.Build(name, InputName, OutputName))
            .Message(8, new ProtoWriter().String(1, string.Empty).Varint(2, Opset));
        foreach ((string key, string value) in metadata)
        {
            model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        }

        model.CopyTo(stream);
    }

    private static string Convolution(OnnxGraph graph, TransformerNet network, ConvOp conv, string x)
    {
        if (conv.Upsample)
        {
            x = graph.Node(
                "Resize",
                [x, string.Empty, graph.Constant($"{conv.Name}.scales", [1f, 1f, 2f, 2f], [4])],
                ("mode", "nearest"),
                ("coordinate_transformation_mode", "asymmetric"),
                ("nearest_mode", "floor"));
        }

        long p = conv.Padding;
        string padded = graph.Node("Pad", [x, graph.Constant($"{conv.Name}.pads", [0, 0, p, p, 0, 0, p, p])], ("mode", "reflect"));
        return graph.Node(
            "Conv",
            [padded, Weights(graph, network, conv.WeightKey), Weights(graph, network, conv.BiasKey)],
            ("kernel_shape", new long[] { conv.Kernel, conv.Kernel }),
            ("strides", new long[] { conv.Stride, conv.Stride }));
    }

    private static string Weights(OnnxGraph graph, TransformerNet network, string key)
    {
        // The scope holds the intermediates, so none can be finalised while a native call reads it.
        using var scope = torch.NewDisposeScope();
        torch.Tensor cpu = network[key].detach().to(torch.ScalarType.Float32, torch.CPU).contiguous();
        return graph.Constant(key, cpu.data<float>().ToArray(), cpu.shape);
    }

    private static string Remember(Stack<string> shortcuts, string x)
    {
        shortcuts.Push(x);
        return x;
    }
}
