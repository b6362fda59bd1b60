namespace NeuralStyle.Reliability.Tests;

/// <summary>
/// The process's peak resident size over a stretch of work (Linux): the kernel's high-water mark
/// (<c>VmHWM</c>) is reset to the current size first (<c>/proc/self/clear_refs</c>), so what it reads
/// afterwards is the most the work held at once, however briefly.
/// </summary>
internal static class PeakResident
{
    /// <summary>How far the resident size rose above its level at the start while <paramref name="work"/> ran.</summary>
    public static long GrowthDuring(Action work)
    {
        ProcessMemory.Read();
        File.WriteAllText("/proc/self/clear_refs", "5");
        long start = Read("VmRSS");
        work();
        return Read("VmHWM") - start;
    }

    private static long Read(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
