using NeuralStyle.FastStyle.Network;
using TorchSharp;

namespace NeuralStyle.FastStyle.Tests.Network;

public sealed class NetworkTests
{
    [Theory]
    [InlineData(16, 16)]
    [InlineData(17, 23)]
    [InlineData(30, 41)]
    public void Output_has_exactly_the_input_size(int height, int width)
    {
        using var net = TransformerNet.Initialize(new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 2 }, 3);
        using var input = torch.rand(2, 3, height, width);
        using var noGrad = torch.no_grad();
        using torch.Tensor output = net.Forward(input);
        Assert.Equal(new long[] { 2, 3, height, width }, output.shape);
    }

    [Theory]
    [InlineData(NetworkWidth.Full, false)]
    [InlineData(NetworkWidth.Quarter, false)]
    [InlineData(NetworkWidth.Quarter, true)]
    public void Bfloat16_training_output_is_float32_in_the_inputs_layout_and_close_to_float32s(NetworkWidth width, bool channelsLast)
    {
        using var net = TransformerNet.Initialize(new FastStyleArchitecture { Width = width, ResidualBlocks = 1 }, 3);
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = torch.rand([2, 3, 40, 36], generator: new torch.Generator(5));
        if (channelsLast)
        {
            input = NeuralStyle.Features.Authoring.TensorLayout.ToChannelsLast(input);
        }

        torch.Tensor low = net.Forward(input, NeuralStyle.FastStyle.Training.TrainingPrecision.BFloat16);
        torch.Tensor full = net.Forward(input, NeuralStyle.FastStyle.Training.TrainingPrecision.Float32);

        Assert.Equal(torch.ScalarType.Float32, low.dtype);
        Assert.Equal(input.shape, low.shape);
        Assert.Equal(channelsLast, NeuralStyle.Features.Authoring.TensorLayout.IsChannelsLast(low));
        Assert.Equal(!channelsLast, low.is_contiguous());
        double relative = (low - full).norm().ToDouble() / full.norm().ToDouble();
        Assert.True(relative < 0.05, $"bfloat16 output differs from float32's by {relative:G3} of its norm");
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Forward(input, NeuralStyle.FastStyle.Training.TrainingPrecision.Auto));
    }

    [Theory]
    [InlineData(NetworkWidth.Full, 32)]
    [InlineData(NetworkWidth.Half, 16)]
    [InlineData(NetworkWidth.Quarter, 8)]
    public void Parameters_follow_pytorch_examples_transformer_net(NetworkWidth width, int baseChannels)
    {
        var architecture = new FastStyleArchitecture { Width = width };
        IReadOnlyList<(string Key, long[] Shape)> parameters = NetworkPlan.Parameters(architecture);
        var shapes = parameters.ToDictionary(p => p.Key, p => p.Shape);
        Assert.Equal([baseChannels, 3, 9, 9], shapes["conv1.conv2d.weight"]);
        Assert.Equal([4 * baseChannels, 4 * baseChannels, 3, 3], shapes["res5.conv2.conv2d.weight"]);
        Assert.Equal([4 * baseChannels], shapes["res5.in2.weight"]);
        Assert.Equal([baseChannels, 2 * baseChannels, 3, 3], shapes["deconv2.conv2d.weight"]);
        Assert.Equal([3, baseChannels, 9, 9], shapes["deconv3.conv2d.weight"]);
        Assert.False(shapes.ContainsKey("res6.in1.weight"));
        // conv1..3 and deconv1..2 with their norms (4 each), 5 blocks of 8, deconv3 (2).
        Assert.Equal((5 * 4) + (5 * 8) + 2, parameters.Count);
    }

    [Fact]
    public void Initialisation_is_a_function_of_the_seed_alone()
    {
        var architecture = new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 1 };
        using var a = TransformerNet.Initialize(architecture, 42);
        using var b = TransformerNet.Initialize(architecture, 42);
        using var c = TransformerNet.Initialize(architecture, 43);
        Assert.True(torch.allclose(a["conv1.conv2d.weight"], b["conv1.conv2d.weight"], rtol: 0, atol: 0));
        Assert.False(torch.allclose(a["conv1.conv2d.weight"], c["conv1.conv2d.weight"], rtol: 0, atol: 0));
        double bound = 1 / Math.Sqrt(3 * 9 * 9);
        Assert.True(a["conv1.conv2d.weight"].abs().max().ToDouble() <= bound);
        Assert.Equal(1.0, a["in1.weight"].min().ToDouble());
    }
}
