namespace NeuralStyle.Features.Authoring;

/// <summary>
/// The rules every reader of a <c>.safetensors</c> file applies before it reads a tensor (the fast-style
/// models' own reader, and VGG19's through TorchSharp.PyBridge, which checks neither): a header of
/// bounded size, and tensors whose byte ranges do not overlap (a megabyte of data declared by
/// 100,000 tensors would otherwise be read as 100 GB of them).
/// </summary>
public static class SafetensorsRanges
{
    /// <summary>The largest header read: 100 MB (a model's is kilobytes; the length is the file's first 8 bytes).</summary>
    public const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>Every pair of tensors whose bytes overlap, in the order of the data (empty ranges overlap nothing), each as a problem to report.</summary>
    /// <param name="ranges">Each tensor's name and its byte range in the data, <c>[Begin, End)</c>.</param>
    /// <returns>For each pair, e.g. "tensors 'a' and 'b' overlap in the data (bytes 0 to 256)".</returns>
    public static IEnumerable<string> Overlaps(IEnumerable<(string Name, long Begin, long End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        (string Name, long Begin, long End)[] ordered = ranges.Where(r => r.End > r.Begin).OrderBy(r => r.Begin).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Begin < ordered[i - 1].End)
            {
                yield return $"tensors '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap in the data (bytes {ordered[i].Begin} to {Math.Min(ordered[i].End, ordered[i - 1].End)})";
            }
        }
    }
}
