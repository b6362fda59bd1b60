using System.Runtime.InteropServices;
using SixLabors.ImageSharp;

namespace NeuralStyle.Reliability.Tests;

/// <summary>
/// One reading of this process's memory, after a full garbage collection, split so that a leak shows in
/// the part it comes from instead of drowning in the garbage collector's own committed-memory policy
/// (which moves the resident size by tens of megabytes between identical readings).
/// </summary>
/// <param name="NativeHeapBytes">Bytes the C heap has handed out and not had back (glibc <c>mallinfo2</c>: in-use chunks plus mapped blocks): libtorch's tensors and everything else native.</param>
/// <param name="ManagedHeapBytes">Bytes of live managed objects.</param>
/// <param name="ResidentOutsideManagedHeapBytes">Resident size less the managed heap's committed memory: native memory as the system sees it, after the C heap has returned what it can.</param>
internal readonly partial record struct ProcessMemory(long NativeHeapBytes, long ManagedHeapBytes, long ResidentOutsideManagedHeapBytes)
{
    /// <summary>
    /// Empties ImageSharp's buffer pool (it keeps decoded images' memory and trims it on a timer, which
    /// once freed 48 MB in the middle of a measurement), collects garbage until finalisers have run, returns
    /// the C heap's free memory to the system (<c>malloc_trim</c>), then reads the three figures.
    /// </summary>
    public static ProcessMemory Read()
    {
        SixLabors.ImageSharp.Configuration.Default.MemoryAllocator.ReleaseRetainedResources();
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        NativeMethods.TrimCHeap(0);
        MallInfo heap = NativeMethods.MallInfo2();
        return new ProcessMemory(
            (long)(heap.InUseChunkBytes + heap.MappedBytes),
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.WorkingSet - GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    /// <summary>How much each figure grew from <paramref name="before"/> to this reading.</summary>
    public ProcessMemory Minus(ProcessMemory before) => new(
        NativeHeapBytes - before.NativeHeapBytes,
        ManagedHeapBytes - before.ManagedHeapBytes,
        ResidentOutsideManagedHeapBytes - before.ResidentOutsideManagedHeapBytes);

    /// <inheritdoc />
    public override string ToString() =>
        $"native heap {NativeHeapBytes / 1048576.0:F1} MB, managed heap {ManagedHeapBytes / 1048576.0:F1} MB, resident outside the managed heap {ResidentOutsideManagedHeapBytes / 1048576.0:F1} MB";

    /// <summary>glibc's <c>struct mallinfo2</c> (all fields <c>size_t</c>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo
    {
        public readonly nuint Arena;
        public readonly nuint FreeChunks;
        public readonly nuint FastBins;
        public readonly nuint MappedBlocks;
        public readonly nuint MappedBytes;
        public readonly nuint MaxTotalAllocated;
        public readonly nuint FreeFastBinBytes;
        public readonly nuint InUseChunkBytes;
        public readonly nuint FreeChunkBytes;
        public readonly nuint ReleasableBytes;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "mallinfo2")]
        internal static partial MallInfo MallInfo2();

        [LibraryImport("libc", EntryPoint = "malloc_trim")]
        internal static partial int TrimCHeap(nuint keep);
    }
}
