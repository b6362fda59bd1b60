using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Tests.Engine;

/// <summary>
/// The held-number arithmetic gives the bits TorchSharp's implicit-Scalar operators give (it only keeps
/// the number alive for the call), and keeps working while the garbage collector finalizes freely.
/// </summary>
public sealed class ScalarArithmeticTests
{
    private static torch.Tensor Sample() => torch.linspace(-2, 3, 24, torch.ScalarType.Float32).reshape(2, 3, 4);

    public static TheoryData<string> Operations => ["Times", "Times_", "DividedBy", "Plus", "Plus_", "PlusScaled_", "Power", "AtLeast", "AtLeast_", "Between", "Between_", "Lerp"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Each_operation_gives_the_same_bits_as_torchsharps(string operation)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = Sample(), other = Sample().flip(0);
        (torch.Tensor held, torch.Tensor plain) = operation switch
        {
            "Times" => (x.Times(0.3), x * 0.3),
            "Times_" => (x.clone().Times_(0.3), x.clone().mul_(0.3)),
            "DividedBy" => (x.DividedBy(7), x / 7.0),
            "Plus" => (x.Plus(1e-5), x + 1e-5),
            "Plus_" => (x.clone().Plus_(-0.25), x.clone().add_(-0.25)),
            "PlusScaled_" => (x.clone().PlusScaled_(other, -0.4), x.clone().add_(other, alpha: -0.4)),
            "Power" => (x.abs().Power(1.25), x.abs().pow(1.25)),
            "AtLeast" => (x.AtLeast(0.5), x.clamp_min(0.5)),
            "AtLeast_" => (x.clone().AtLeast_(0), x.clone().clamp_min_(0)),
            "Between" => (x.Between(0, 1), x.clamp(0, 1)),
            "Between_" => (x.clone().Between_(-1, 1), x.clone().clamp_(-1, 1)),
            "Lerp" => (ScalarArithmetic.Lerp(x, other, 0.75), torch.lerp(x, other, 0.75)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        Assert.Equal(plain.data<float>().ToArray(), held.data<float>().ToArray());
        Assert.NotEqual(x.data<float>().ToArray(), held.data<float>().ToArray());
    }

    [Fact]
    public void Full_and_range_are_torchs()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(torch.full([2, 3], 0.5, torch.ScalarType.Float32).data<float>().ToArray(), ScalarArithmetic.Full([2, 3], 0.5, torch.ScalarType.Float32, torch.CPU).data<float>().ToArray());
        Assert.Equal(torch.arange(5, torch.ScalarType.Float32).data<float>().ToArray(), ScalarArithmetic.Range(5, torch.ScalarType.Float32, torch.CPU).data<float>().ToArray());
    }

    [Fact]
    public async Task Powers_stay_right_while_the_collector_finalizes_on_another_thread()
    {
        // The defect this guards: an implicit Scalar finalized while libtorch read it (INTERNAL ASSERT FAILED at Scalar.h).
        using var scope = torch.NewDisposeScope();
        torch.Tensor values = torch.linspace(0.1, 4, 64, torch.ScalarType.Float64);
        torch.Tensor expected = values.sqrt();
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        for (int i = 0; i < 2000; i++)
        {
            using var step = torch.NewDisposeScope();
            Assert.True(torch.allclose(values.Power(0.5), expected));
        }

        await stop.CancelAsync();
        await collector;
    }
}
