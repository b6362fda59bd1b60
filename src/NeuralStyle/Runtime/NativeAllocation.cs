using TorchSharp;

namespace NeuralStyle.Runtime;

/// <summary>
/// Process-wide tuning of how libtorch's CPU tensors get their memory.
/// </summary>
/// <remarks>
/// Every evaluation allocates its activations and gradients afresh and frees them at its end (about
/// 5 GB per evaluation for VGG19 at 1024 px). Each large block is a fresh memory mapping that the
/// kernel fills page by page on first touch, so at large sizes a good share of an evaluation is
/// page faults. docs/performance.md says what it buys; docs/performance-log.md has the measurements.
/// </remarks>
public static class NativeAllocation
{
    /// <summary>The switch libtorch reads, once, at its first CPU allocation.</summary>
    public const string HugePagesVariable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>A transparent huge page, and libtorch's threshold for asking for them.</summary>
    private const long HugePageBytes = 2L << 20;

    /// <summary>
    /// Asks libtorch to back CPU tensors of 2 MB or more with transparent huge pages: it aligns
    /// them to a page and advises the kernel, which then maps them with up to 512x fewer page faults
    /// (measured: 1.16x faster evaluations for VGG19 at 1024 px, 1.22x for ResNet18 at 2048 px, at
    /// most 5 % more peak memory; no change at 512 px; a full-width fast style network's pass,
    /// the built-in styles', 3.2x faster at 512 px on an AVX-512 Zen 5). Sets <see cref="HugePagesVariable"/> to 1
    /// in the native environment unless it is already set, then checks a probe allocation.
    /// </summary>
    /// <remarks>
    /// Call it at start-up, before any tensor is created: libtorch reads the switch once, at its
    /// first CPU allocation, so afterwards this cannot change anything and returns false. The
    /// kernel must allow huge pages on request (<c>/sys/kernel/mm/transparent_hugepage/enabled</c>
    /// <c>madvise</c> or <c>always</c>, the usual defaults). The <c>neural-style</c> command calls it.
    /// </remarks>
    /// <returns>
    /// Whether large tensors are now allocated for huge pages: false on other systems than Linux,
    /// when the variable was already set to something else than 1, or when libtorch had already allocated.
    /// </returns>
    public static bool TryEnableHugePages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        if (NativeMethods.SetEnvironment(HugePagesVariable, "1", overwrite: 0) != 0)
        {
            return false;
        }

        // With the switch on, libtorch page-aligns large blocks (otherwise 64 bytes, so a block is
        // page-aligned by chance at most once in 64, both of two once in 4096).
        using torch.Tensor first = torch.empty(HugePageBytes * 2 / sizeof(float), torch.ScalarType.Float32);
        using torch.Tensor second = torch.empty(HugePageBytes * 3 / sizeof(float), torch.ScalarType.Float32);
        return IsPageAligned(first) && IsPageAligned(second);
    }

    /// <summary>Whether a tensor's storage starts on a page boundary, as libtorch places large blocks when huge pages are on.</summary>
    internal static bool IsPageAligned(torch.Tensor tensor) =>
        (NativeMethods.StorageData(tensor.Handle) & (Environment.SystemPageSize - 1)) == 0;
}
