namespace NeuralStyle.Batch.Manifests;

/// <summary>How a host reads a manifest (<see cref="Manifest.Read(string, ManifestReadOptions?)"/>).</summary>
public sealed record ManifestReadOptions
{
    /// <summary>
    /// The keys the host sets once for the whole batch (e.g. the network, the shard), refused on a
    /// line, each with how the host sets it instead (e.g. <c>pass --backbone to `neural-style batch`</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> BatchLevelKeys { get; init; } = new Dictionary<string, string>();
}
