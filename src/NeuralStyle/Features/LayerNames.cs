namespace NeuralStyle.Features;

/// <summary>Helpers shared by feature extractors for resolving layer names.</summary>
public static class LayerNames
{
    /// <summary>
    /// Finds <paramref name="name"/> (case-insensitive) in <paramref name="layers"/> or
    /// <paramref name="aliases"/>; otherwise throws an <see cref="ArgumentException"/> that lists
    /// every valid name.
    /// </summary>
    /// <param name="network">The network's name, for the message.</param>
    /// <param name="name">The name to resolve.</param>
    /// <param name="layers">The canonical layers.</param>
    /// <param name="aliases">Extra names mapped to canonical layers (may be empty).</param>
    public static FeatureLayer Resolve(
        string network,
        string name,
        IReadOnlyList<FeatureLayer> layers,
        IReadOnlyDictionary<string, FeatureLayer> aliases)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(aliases);
        string trimmed = name?.Trim() ?? string.Empty;
        FeatureLayer? found = layers.FirstOrDefault(l => string.Equals(l.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }

        foreach ((string alias, FeatureLayer layer) in aliases)
        {
            if (string.Equals(alias, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return layer;
            }
        }

        string aliasText = aliases.Count == 0 ? string.Empty : $" Aliases: {string.Join(", ", aliases.Keys)}.";
        throw new ArgumentException(
            $"'{name}' is not a layer of {network}. Valid layers: {string.Join(", ", layers.Select(l => l.Name))}.{aliasText}",
            nameof(name));
    }
}
