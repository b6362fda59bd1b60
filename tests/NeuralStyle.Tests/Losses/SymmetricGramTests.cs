using NeuralStyle.Losses;
using TorchSharp;

namespace NeuralStyle.Tests.Losses;

public sealed class SymmetricGramTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ValueAndGradientEqualTheGenericMatrixProducts(bool masked)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(17);
        torch.Tensor features = torch.randn([6, 40], torch.ScalarType.Float64, generator: generator);
        torch.Tensor weights = torch.randn([6, 6], torch.ScalarType.Float64, generator: generator);   // not symmetric
        torch.Tensor? mask = masked ? torch.rand([40], torch.ScalarType.Float64, generator: generator) : null;

        (torch.Tensor Value, torch.Tensor Gradient) Run(Func<torch.Tensor, torch.Tensor> gram)
        {
            torch.Tensor x = features.detach().requires_grad_(true);
            torch.Tensor value = gram(x);
            torch.Tensor loss = (value * weights).sum() + value.square().sum();
            return (value.detach(), torch.autograd.grad([loss], [x])[0]);
        }

        (torch.Tensor expectedValue, torch.Tensor expectedGradient) = Run(x => (mask is null ? x : x * mask).mm(x.t()));
        (torch.Tensor value, torch.Tensor gradient) = Run(x => SymmetricGram.Of(x, mask));

        Assert.True(torch.allclose(expectedValue, value, rtol: 1e-14, atol: 1e-12));
        Assert.True(torch.allclose(expectedGradient, gradient, rtol: 1e-12, atol: 1e-10));
    }

    [Fact]
    public void ItsGraphCanBeDifferentiatedTwiceWithRetainGraph()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = torch.randn([4, 9], torch.ScalarType.Float64, generator: new torch.Generator(2)).requires_grad_(true);
        torch.Tensor loss = SymmetricGram.Of(x).square().sum();

        torch.Tensor first = torch.autograd.grad([loss], [x], retain_graph: true)[0];
        torch.Tensor second = torch.autograd.grad([loss], [x])[0];

        Assert.Equal(0.0, (first - second).abs().max().ToDouble());
        Assert.True(torch.allclose(first, 4 * x.detach().mm(x.detach().t()).mm(x.detach())));
    }
}
