using NeuralStyle.Runtime;

namespace NeuralStyle.Samples;

/// <summary>The huge-pages snippet of docs/performance.md: the first thing an app's Main does.</summary>
public static class StartupUsage
{
    public static bool EnableAtStartup()
    {
        #region huge-pages
        // First thing in Main, before any tensor exists: libtorch reads the switch at its first allocation.
        bool hugePages = NativeAllocation.TryEnableHugePages();
        #endregion
        return hugePages;
    }
}
