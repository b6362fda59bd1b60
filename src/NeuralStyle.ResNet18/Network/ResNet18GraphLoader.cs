using NeuralStyle.ResNet18.Onnx;
using TorchSharp;

namespace NeuralStyle.ResNet18.Network;

/// <summary>
/// Builds a <see cref="ResNet18Network"/> by tracing an ONNX graph from its input: stem
/// (Conv, BatchNormalization, Relu, MaxPool), then basic blocks (Conv, BN, Relu, Conv, BN, Add with
/// the identity or a 1x1 projection Conv + BN, Relu) until the final AveragePool. Every step checks
/// the operator, attributes and initializer shapes, so a different network is refused with a
/// message naming the node that did not fit, instead of producing wrong features.
/// </summary>
internal sealed class ResNet18GraphLoader
{
    private readonly OnnxModel _model;
    private readonly Dictionary<string, List<OnnxNode>> _consumers;
    private readonly torch.ScalarType _dtype;
    private readonly torch.Device _device;

    private ResNet18GraphLoader(OnnxModel model, torch.ScalarType dtype, torch.Device device)
    {
        _model = model;
        _dtype = dtype;
        _device = device;
        _consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (OnnxNode node in model.Nodes)
        {
            Expect(node.Outputs.Count > 0, $"{node} to have an output");
            foreach (string input in node.Inputs)
            {
                if (!_consumers.TryGetValue(input, out List<OnnxNode>? list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node);
            }
        }
    }

    /// <summary>Traces <paramref name="model"/>; throws <see cref="FormatException"/> when it is not this ResNet18.</summary>
    public static ResNet18Network Load(OnnxModel model, torch.ScalarType dtype, torch.Device device) =>
        new ResNet18GraphLoader(model, dtype, device).Build();

    private ResNet18Network Build()
    {
        string[] inputs = _model.Inputs.Where(i => !_model.Initializers.ContainsKey(i)).ToArray();
        if (inputs.Length != 1)
        {
            throw new FormatException($"expected one image input, found {inputs.Length} ({string.Join(", ", inputs)})");
        }

        var owned = new List<IDisposable>();
        try
        {
            (ConvBatchNorm stem, string value) = ConvBn(inputs[0], owned);
            Expect(stem.InChannels == 3 && stem.OutChannels == 64 && stem.Kernel == 7 && stem.Stride == 2, "the stem to be a 64-channel 7x7/2 convolution of RGB input");
            value = Single(value, "Relu").Outputs[0];
            OnnxNode maxPool = Single(value, "MaxPool");
            var maxWindow = Window(maxPool);
            value = maxPool.Outputs[0];

            var blocks = new List<BasicBlock>();
            var perStage = new List<int>();
            while (Consumers(value).Any(n => n.OpType == "Conv"))
            {
                // A graph that loops back would trace blocks for ever: ResNet18 has a fixed number.
                Expect(blocks.Count < ResNet18Layer.BlocksPerStage.Sum(), $"{ResNet18Layer.BlocksPerStage.Sum()} basic blocks, found more (or a cycle) after '{value}'");
                (BasicBlock block, value) = Block(value, owned);
                blocks.Add(block);
                if (block.Projection is not null || perStage.Count == 0)
                {
                    perStage.Add(0);
                }

                perStage[^1]++;
            }

            Expect(perStage.SequenceEqual(ResNet18Layer.BlocksPerStage), $"stages of {string.Join(", ", ResNet18Layer.BlocksPerStage)} basic blocks, found {string.Join(", ", perStage)}");
            long[] channels = blocks.Select(b => b.Second.OutChannels).Distinct().ToArray();
            Expect(channels.SequenceEqual(ResNet18Layer.ChannelsPerStage.Select(c => (long)c)), $"stage widths {string.Join(", ", ResNet18Layer.ChannelsPerStage)}, found {string.Join(", ", channels)}");

            OnnxNode averagePool = Single(value, "AveragePool");
            Expect(averagePool.Ints("count_include_pad", [0]).SequenceEqual([0L]), "AveragePool without count_include_pad");
            return new ResNet18Network(stem, maxWindow, blocks, Window(averagePool));
        }
        catch
        {
            foreach (IDisposable d in owned)
            {
                d.Dispose();
            }

            throw;
        }
    }

    private (BasicBlock Block, string Output) Block(string input, List<IDisposable> owned)
    {
        OnnxNode[] convs = Consumers(input).Where(n => n.OpType == "Conv").ToArray();
        OnnxNode[] pointwise = convs.Where(c => KernelOf(c) == 1).ToArray();
        OnnxNode? projectionNode = convs.Length == 2 && pointwise.Length == 1 ? pointwise[0] : null;
        Expect(convs.Length == 1 || (convs.Length == 2 && projectionNode is not null), $"one convolution, or one plus a 1x1 projection, to read '{input}'; found {convs.Length}");
        OnnxNode mainNode = convs.Single(c => c != projectionNode);

        (ConvBatchNorm first, string value) = ConvBn(mainNode, owned);
        value = Single(value, "Relu").Outputs[0];
        (ConvBatchNorm second, value) = ConvBn(value, owned);
        ConvBatchNorm? projection = null;
        string shortcut = input;
        if (projectionNode is not null)
        {
            (projection, shortcut) = ConvBn(projectionNode, owned);
        }

        OnnxNode add = Single(value, "Add");
        Expect(add.Inputs.Count == 2 && add.Inputs.Contains(shortcut), $"{add} to add the shortcut '{shortcut}'");
        Expect(first.InChannels == (projection?.InChannels ?? second.OutChannels) && first.OutChannels == second.OutChannels && second.InChannels == second.OutChannels,
            $"consistent channels in the block reading '{input}'");
        string output = Single(add.Outputs[0], "Relu").Outputs[0];
        return (new BasicBlock(first, second, projection), output);
    }

    private (ConvBatchNorm Unit, string Output) ConvBn(string input, List<IDisposable> owned) => ConvBn(Single(input, "Conv"), owned);

    private (ConvBatchNorm Unit, string Output) ConvBn(OnnxNode conv, List<IDisposable> owned)
    {
        Expect(conv.Inputs.Count == 2, $"{conv} to have no bias (BatchNormalization follows)");
        Expect(conv.Ints("group", [1]).SequenceEqual([1L]) && conv.Ints("dilations", [1, 1]).All(d => d == 1), $"{conv} to be an ungrouped, undilated convolution");
        Expect(conv.Text("auto_pad", "NOTSET") == "NOTSET", $"{conv} to use explicit pads");
        long[] strides = conv.Ints("strides", [1, 1]).ToArray();
        Expect(strides.Length == 2 && strides[0] == strides[1], $"{conv} to have equal strides");
        OnnxTensor weight = Initializer(conv.Inputs[1], conv);
        Expect(weight.Dimensions.Length == 4 && weight.Dimensions[2] == weight.Dimensions[3], $"{conv} to have a square [out, in, k, k] kernel");

        OnnxNode bn = Single(conv.Outputs[0], "BatchNormalization");
        Expect(bn.Inputs.Count == 5, $"{bn} to have scale, bias, mean and variance");
        OnnxTensor[] parameters = bn.Inputs.Skip(1).Select(name => Initializer(name, bn)).ToArray();
        Expect(parameters.All(p => p.Dimensions.SequenceEqual([weight.Dimensions[0]])), $"{bn}'s parameters to have {weight.Dimensions[0]} values");

        ConvBatchNorm unit = ConvBatchNorm.Create(
            weight.Values, weight.Dimensions, parameters[0].Values, parameters[1].Values, parameters[2].Values, parameters[3].Values,
            bn.Float("epsilon", 1e-5f), strides[0], OnnxPadding.FromOnnx(conv.Ints("pads", [])), _dtype, _device);
        owned.Add(unit);
        return (unit, bn.Outputs[0]);
    }

    private static PoolingWindow Window(OnnxNode pool)
    {
        long[] kernel = pool.Ints("kernel_shape", []).ToArray();
        long[] strides = pool.Ints("strides", [1, 1]).ToArray();
        Expect(kernel.Length == 2 && kernel[0] == kernel[1] && strides.Length == 2 && strides[0] == strides[1], $"{pool} to have a square window and equal strides");
        Expect(pool.Text("auto_pad", "NOTSET") == "NOTSET", $"{pool} to use explicit pads");
        return new PoolingWindow(kernel[0], strides[0], OnnxPadding.FromOnnx(pool.Ints("pads", [])));
    }

    private static long KernelOf(OnnxNode conv) => conv.Ints("kernel_shape", [0])[0];

    private OnnxTensor Initializer(string name, OnnxNode node) =>
        _model.Initializers.TryGetValue(name, out OnnxTensor? tensor)
            ? tensor
            : throw new FormatException($"{node} reads '{name}', which is not a stored weight");

    private IReadOnlyList<OnnxNode> Consumers(string value) =>
        _consumers.TryGetValue(value, out List<OnnxNode>? list) ? list : [];

    private OnnxNode Single(string value, string opType)
    {
        IReadOnlyList<OnnxNode> consumers = Consumers(value);
        OnnxNode[] matching = consumers.Where(n => n.OpType == opType).ToArray();
        return matching.Length == 1
            ? matching[0]
            : throw new FormatException(
                $"expected one {opType} reading '{value}', found {(consumers.Count == 0 ? "nothing" : string.Join(", ", consumers))}: this is not the ResNet18 of Microsoft.ML.DnnImageFeaturizer.ResNet18");
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new FormatException($"expected {what}: this is not the ResNet18 of Microsoft.ML.DnnImageFeaturizer.ResNet18");
        }
    }
}
