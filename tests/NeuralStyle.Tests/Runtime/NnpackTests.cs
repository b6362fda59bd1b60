using NeuralStyle.Runtime;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;

namespace NeuralStyle.Tests.Runtime;

/// <summary>libtorch never consults NNPACK once the library has built a transfer (where NNPACK cannot start, each consultation printed a warning to stderr).</summary>
public sealed class NnpackTests
{
    [LinuxFact]
    public void Building_a_transfer_turns_NNPACK_off()
    {
        // Build turns it off first, before it checks the settings (here: none, so it refuses them).
        Assert.Throws<StyleTransferConfigurationException>(() => new StyleTransferBuilder().Build());
        Assert.False(Nnpack.IsEnabled(), "libtorch still consults NNPACK after a transfer was built");
    }
}
