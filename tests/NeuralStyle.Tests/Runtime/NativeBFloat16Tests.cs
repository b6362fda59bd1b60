using System.Runtime.Intrinsics.X86;
using NeuralStyle.Runtime;
using NeuralStyle.Testing;
using TorchSharp;

namespace NeuralStyle.Tests.Runtime;

/// <summary>The check that decides where training runs in bfloat16.</summary>
public sealed class NativeBFloat16Tests
{
    [LinuxFact]
    public void The_cpu_check_agrees_with_the_kernels_flags()
    {
        string[] flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        // The .NET runtime can be told not to use AVX-512 (DOTNET_EnableAVX512F=0); the check then says no, as oneDNN's caps do.
        bool listed = Avx512F.IsSupported && (flags.Contains("avx512_bf16") || flags.Contains("amx_bf16"));
        bool capped = NativeBFloat16.IsCapped(Environment.GetEnvironmentVariable(NativeBFloat16.IsaCapVariable))
            || NativeBFloat16.IsCapped(Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"));

        Assert.Equal(listed && !capped, NativeBFloat16.IsSupported(torch.CPU));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("ALL", false)]
    [InlineData("avx512_core_bf16", false)]
    [InlineData("AVX512_CORE_AMX", false)]
    [InlineData("AVX2", true)]
    [InlineData("AVX512_CORE", true)]
    [InlineData("AVX512_CORE_VNNI", true)]
    public void A_onednn_cap_below_bfloat16_turns_it_off(string? cap, bool capped) =>
        Assert.Equal(capped, NativeBFloat16.IsCapped(cap));

    [Fact]
    public void Only_cpus_are_judged()
    {
        Assert.False(NativeBFloat16.IsSupported(new torch.Device(DeviceType.CUDA, 0)));
        Assert.Throws<ArgumentNullException>(() => NativeBFloat16.IsSupported(null!));
    }
}
