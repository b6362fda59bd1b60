using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using NeuralStyle.Runtime;

namespace NeuralStyle.Tests.Runtime;

/// <summary>
/// Turns huge pages on as this test assembly loads, before any test creates a tensor — the only
/// moment it can work (libtorch reads the switch at its first CPU allocation), as in an app's start-up.
/// </summary>
internal static class HugePagesAtStartup
{
    /// <summary>What <see cref="NativeAllocation.TryEnableHugePages"/> returned at load.</summary>
    public static bool Enabled { get; private set; }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly standing in for an app's start-up.")]
    internal static void Enable() => Enabled = NativeAllocation.TryEnableHugePages();
}
