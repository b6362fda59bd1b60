using NeuralStyle.Runtime;
using TorchSharp;

namespace NeuralStyle.Tests.Runtime;

public sealed class NativeAllocationTests
{
    [Fact]
    public void HugePagesEnabledAtStartUpPageAlignLargeTensors()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(HugePagesAtStartup.Enabled);
            return;
        }

        Assert.True(HugePagesAtStartup.Enabled, "TryEnableHugePages at assembly load should have taken effect");

        // Several live blocks of odd sizes above the 2 MB threshold: every one starts on a page
        // boundary (with libtorch's default 64-byte alignment, all four would by chance once in 16 million).
        torch.Tensor[] blocks = [.. Enumerable.Range(0, 4).Select(i => torch.empty((3L << 20) + (i * 4099), torch.ScalarType.Float32))];
        try
        {
            Assert.All(blocks, block => Assert.True(NativeAllocation.IsPageAligned(block)));
        }
        finally
        {
            foreach (torch.Tensor block in blocks)
            {
                block.Dispose();
            }
        }
    }

    [Fact]
    public void EnablingAgainIsHarmlessAndStillReportsTheState() =>
        Assert.Equal(HugePagesAtStartup.Enabled, NativeAllocation.TryEnableHugePages());
}
