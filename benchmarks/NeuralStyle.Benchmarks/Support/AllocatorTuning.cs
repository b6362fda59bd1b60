namespace NeuralStyle.Benchmarks.Support;

/// <summary>A way to run the process's native allocator, as environment variables read at start-up (docs/performance.md explains each).</summary>
internal sealed record AllocatorTuning(string Name, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>glibc and libtorch as they come.</summary>
    public static AllocatorTuning Default { get; } = new("default", new Dictionary<string, string>());

    /// <summary>libtorch backs blocks of 2 MB or more with transparent huge pages (512x fewer page faults).</summary>
    public static AllocatorTuning HugePages { get; } = new("huge pages", new Dictionary<string, string> { [Runtime.NativeAllocation.HugePagesVariable] = "1" });

    /// <summary>glibc serves every block from one heap and keeps freed memory for reuse: no page faults once warm, more resident memory.</summary>
    public static AllocatorTuning RetainFreed { get; } = new("retain freed", new Dictionary<string, string>
    {
        ["MALLOC_MMAP_MAX_"] = "0",
        ["MALLOC_TRIM_THRESHOLD_"] = "2147483647",
        ["MALLOC_ARENA_MAX"] = "1",
    });

    public static IReadOnlyList<AllocatorTuning> All { get; } = [Default, HugePages, RetainFreed];
}
