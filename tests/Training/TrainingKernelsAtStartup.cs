using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using NeuralStyle.Runtime;

namespace NeuralStyle.Testing;

/// <summary>
/// In the test assemblies that train networks (TrainsNetworks in their project): caps oneDNN at
/// AVX2 on AVX-512 CPUs as the assembly loads, before any tensor, as <c>neural-style train</c> does
/// (<see cref="CpuKernels.TryLimitToAvx2ForTraining"/>), so training is tested with the kernels it
/// runs with. The uncapped kernels' gradients are checked by the reliability tests' ConvolutionGradientTests.
/// </summary>
internal static class TrainingKernelsAtStartup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly standing in for a training app's start-up.")]
    internal static void Cap() => CpuKernels.TryLimitToAvx2ForTraining();
}
