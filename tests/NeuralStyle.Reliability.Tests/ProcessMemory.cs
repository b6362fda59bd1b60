using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NeuralStyle.Reliability.Tests;

/// <summary>
/// One reading of this process's memory, after a full garbage collection, split so that a leak shows in
/// the part it comes from instead of drowning in the garbage collector's own committed-memory policy
/// (which moves the resident size by tens of megabytes between identical readings).
/// </summary>
/// <param name="NativeHeapBytes">Bytes the C heap has handed out and not had back (glibc <c>mallinfo2</c>: in-use chunks plus mapped blocks): libtorch's tensors and everything else native.</param>
/// <param name="ManagedHeapBytes">Bytes of live managed objects.</param>
/// <param name="ResidentOutsideManagedHeapBytes">Resident size less the managed heap's committed memory: native memory as the system sees it, including what the C heap keeps cached.</param>
internal readonly partial record struct ProcessMemory(long NativeHeapBytes, long ManagedHeapBytes, long ResidentOutsideManagedHeapBytes)
{
    /// <summary>Collects garbage until finalisers have run, then reads the three figures.</summary>
    public static ProcessMemory Read()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        MallInfo heap = NativeMethods.MallInfo2();
        return new ProcessMemory(
            (long)(heap.InUseChunkBytes + heap.MappedBytes),
            GC.GetTotalMemory(forceFullCollection: true),
            self.WorkingSet64 - GC.GetGCMemoryInfo().TotalCommittedBytes);
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
    }
}
