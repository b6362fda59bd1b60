using System.Runtime.InteropServices;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void TorchLoadsAndComputesInTheTestHost()
    {
        using torch.Tensor x = torch.arange(1, 5, dtype: torch.ScalarType.Float32);
        using torch.Tensor product = x.dot(x);
        Assert.Equal(30f, product.item<float>());
    }

    [LinuxFact]
    public void TheOutputCopyOfLibTorchSharpHasItsGlibcxxRequirementFixedWhereNeeded()
    {
        string library = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        // The library is loaded (the test above): whatever the system libstdc++, the copy next to the
        // test host must be loadable by the dynamic loader.
        Assert.True(NativeLibrary.TryLoad(library, out IntPtr handle), $"{library} does not load");
        NativeLibrary.Free(handle);
    }
}
