namespace NeuralStyle.Styles;

/// <summary>A style that ships with this package, trained with NeuralStyle on real photos (see <see cref="BuiltInStyles.All"/>).</summary>
public enum BuiltInStyle
{
    /// <summary>Vincent van Gogh, <i>The Starry Night</i> (1889): <c>starry-night</c>.</summary>
    StarryNight,

    /// <summary>Edvard Munch, <i>The Scream</i> (1893): <c>the-scream</c>.</summary>
    TheScream,

    /// <summary>J. M. W. Turner, <i>The Shipwreck</i> (1805): <c>shipwreck</c>.</summary>
    Shipwreck,
}
