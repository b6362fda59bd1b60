using System.Globalization;

namespace NeuralStyle.Batch.Sharding;

/// <summary>
/// Which part of a batch one process runs: shard <see cref="Index"/> of <see cref="Count"/>
/// (0-based, as every job engine numbers its tasks). Job <c>i</c> of the manifest (0-based, in
/// order) belongs to shard <c>i mod Count</c>, so shards are disjoint, cover every job, and differ in
/// size by at most one.
/// </summary>
public readonly record struct Shard
{
    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive, or the index is not in [0, count).</exception>
    public Shard(int index, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A batch is split into at least one shard.");
        }

        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Shard indices are 0-based: use 0 to {count - 1} for {count} shard(s).");
        }

        Index = index;
        Count = count;
    }

    /// <summary>The whole batch: shard 0 of 1.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>This shard, 0-based.</summary>
    public int Index { get; }

    /// <summary>How many shards the batch is split into.</summary>
    public int Count { get; }

    /// <summary>Whether job <paramref name="jobIndex"/> (0-based, in manifest order) belongs to this shard.</summary>
    public bool Includes(int jobIndex) => jobIndex % Count == Index;

    /// <summary>Parses <c>K/N</c> (0-based <c>K</c> below <c>N</c>, e.g. <c>0/4</c> to <c>3/4</c>).</summary>
    /// <exception cref="FormatException">The text is not <c>K/N</c> with 0 ≤ K &lt; N; the message says why.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new FormatException($"The shard '{text}' is not K/N: give the 0-based shard and the count, e.g. 0/4 to 3/4.");
        }

        if (count < 1)
        {
            throw new FormatException($"The shard '{text}' is out of range: K/N needs N >= 1 shard(s) and 0 <= K < N, e.g. 0/4 to 3/4.");
        }

        if (index >= count)
        {
            throw new FormatException($"The shard '{text}' is out of range: K/N needs 0 <= K < N (K is 0-based), so for {count} shard(s) use 0/{count} to {count - 1}/{count}.");
        }

        return new Shard(index, count);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
