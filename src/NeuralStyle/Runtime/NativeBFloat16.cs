using System.Runtime.Intrinsics.X86;
using TorchSharp;

namespace NeuralStyle.Runtime;

/// <summary>
/// Whether a device multiplies bfloat16 natively, so that computing in it is faster than float32
/// rather than slower: a CPU with AVX512_BF16 or AMX-BF16 (AMD Zen 4 and later, Intel Cooper Lake,
/// Sapphire Rapids and later), unless <c>ONEDNN_MAX_CPU_ISA</c> (or <c>DNNL_MAX_CPU_ISA</c>) caps oneDNN below those instructions.
/// Elsewhere oneDNN emulates bfloat16 with conversions, slower than float32.
/// </summary>
public static class NativeBFloat16
{
    /// <summary>oneDNN's variable that caps the instructions its kernels use (its older name, <c>DNNL_MAX_CPU_ISA</c>, is read too).</summary>
    public const string IsaCapVariable = "ONEDNN_MAX_CPU_ISA";

    private const string LegacyIsaCapVariable = "DNNL_MAX_CPU_ISA";

    /// <summary>The <see cref="IsaCapVariable"/> values that still allow bfloat16 dot products (oneDNN's names; <c>ALL</c> caps nothing).</summary>
    private static readonly string[] CapsWithBFloat16 = ["ALL", "AVX512_CORE_BF16", "AVX512_CORE_FP16", "AVX512_CORE_AMX", "AVX512_CORE_AMX_FP16", "AVX10_1_512", "AVX10_1_512_AMX", "AVX10_1_512_AMX_FP16", "AVX10_2_512", "AVX10_2_512_AMX_2"];

    private static readonly Lazy<bool> Cpu = new(CpuHasIt);

    /// <summary>Whether <paramref name="device"/> computes bfloat16 natively: on a CPU, as the class says; false on other devices (not measured here).</summary>
    /// <param name="device">The torch device the work runs on.</param>
    public static bool IsSupported(torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.type == DeviceType.CPU && Cpu.Value
            && !IsCapped(Environment.GetEnvironmentVariable(IsaCapVariable)) && !IsCapped(Environment.GetEnvironmentVariable(LegacyIsaCapVariable));
    }

    /// <summary>Whether a <see cref="IsaCapVariable"/> value keeps oneDNN from bfloat16 dot products (unset or empty: no cap).</summary>
    internal static bool IsCapped(string? cap) =>
        !string.IsNullOrWhiteSpace(cap) && !CapsWithBFloat16.Contains(cap.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>CPUID leaf 7: sub-leaf 1 EAX bit 5 is AVX512_BF16, sub-leaf 0 EDX bit 22 is AMX-BF16; both need the OS to save AVX-512 state.</summary>
    private static bool CpuHasIt()
    {
        if (!X86Base.IsSupported || !Avx512F.IsSupported || X86Base.CpuId(0, 0).Eax < 7)
        {
            return false;
        }

        bool avx512Bf16 = (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0;
        bool amxBf16 = (X86Base.CpuId(7, 0).Edx & (1 << 22)) != 0;
        return avx512Bf16 || amxBf16;
    }
}
