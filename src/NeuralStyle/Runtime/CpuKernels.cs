using System.Runtime.Intrinsics.X86;

namespace NeuralStyle.Runtime;

/// <summary>
/// Which CPU kernels libtorch's oneDNN may use, process-wide. Training a fast style network on
/// AVX-512 CPUs has been reported to produce non-finite gradients at random steps, and to train
/// cleanly with oneDNN capped at AVX2 (docs/troubleshooting.md); the cap costs about 15–19 % of
/// training throughput (measured on an AVX-512 AMD EPYC, benchmarks/training-isa.sh).
/// </summary>
public static class CpuKernels
{
    /// <summary>The variable oneDNN reads, once, the first time it picks its kernels.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>
    /// On an AVX-512 CPU, caps oneDNN at AVX2 by setting <see cref="IsaVariable"/> in the native
    /// environment, unless it is already set (so a user's own choice, e.g. <c>AVX512_CORE_BF16</c>,
    /// wins). Call it at start-up, before the first tensor operation; afterwards oneDNN has chosen.
    /// The <c>neural-style train</c> command calls it.
    /// </summary>
    /// <returns>Whether the cap is now asked for: false off Linux, on CPUs without AVX-512, or when the variable was already set.</returns>
    public static bool TryLimitToAvx2ForTraining()
    {
        // The managed environment is the process's at start-up: a variable the user set is there.
        if (!OperatingSystem.IsLinux() || !Avx512F.IsSupported || Environment.GetEnvironmentVariable(IsaVariable) is not null)
        {
            return false;
        }

        return NativeMethods.SetEnvironment(IsaVariable, "AVX2", overwrite: 0) == 0;
    }
}
