using System.Diagnostics.CodeAnalysis;

namespace NeuralStyle.Features.Authoring;

/// <summary>Resolves layer names for <see cref="IFeatureExtractor.TryParseLayer"/> implementations.</summary>
public static class LayerNames
{
    /// <summary>Finds <paramref name="name"/> as <see cref="TryResolve"/> does; otherwise throws <see cref="ArgumentException"/> listing every valid name.</summary>
    public static TLayer Resolve<TLayer>(string network, string? name, IReadOnlyList<TLayer> layers, IReadOnlyDictionary<string, FeatureLayer> aliases)
        where TLayer : FeatureLayer =>
        TryResolve(network, name, layers, aliases, out TLayer? layer, out string? problem) ? layer : throw new ArgumentException(problem);

    /// <summary>
    /// Finds <paramref name="name"/> (case-insensitive, trimmed) in <paramref name="layers"/> or
    /// <paramref name="aliases"/>; otherwise <paramref name="problem"/> says so and lists every valid name.
    /// </summary>
    /// <param name="network">The network's name, for the message.</param>
    /// <param name="name">The name to resolve.</param>
    /// <param name="layers">The canonical layers.</param>
    /// <param name="aliases">Extra names mapped to canonical layers (may be empty).</param>
    /// <param name="layer">The layer found.</param>
    /// <param name="problem">Why none was found, listing the valid names.</param>
    public static bool TryResolve<TLayer>(
        string network,
        string? name,
        IReadOnlyList<TLayer> layers,
        IReadOnlyDictionary<string, FeatureLayer> aliases,
        [NotNullWhen(true)] out TLayer? layer,
        [NotNullWhen(false)] out string? problem)
        where TLayer : FeatureLayer
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(aliases);
        string trimmed = name?.Trim() ?? string.Empty;
        layer = layers.FirstOrDefault(l => string.Equals(l.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? aliases.Where(a => string.Equals(a.Key, trimmed, StringComparison.OrdinalIgnoreCase)).Select(a => a.Value).OfType<TLayer>().FirstOrDefault();
        if (layer is not null)
        {
            problem = null;
            return true;
        }

        string aliasText = aliases.Count == 0 ? string.Empty : $" Aliases: {string.Join(", ", aliases.Keys)}.";
        problem = $"'{name}' is not a layer of {network}. Valid layers: {string.Join(", ", layers.Select(l => l.Name))}.{aliasText}";
        return false;
    }
}
