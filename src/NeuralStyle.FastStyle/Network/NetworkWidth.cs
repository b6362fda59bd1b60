namespace NeuralStyle.FastStyle.Network;

/// <summary>How wide a <see cref="FastStyleArchitecture"/> is: the channel counts of Johnson et al.'s network times a factor.</summary>
public enum NetworkWidth
{
    /// <summary>Factor 1: 32, 64 and 128 channels (pytorch/examples' <c>TransformerNet</c>).</summary>
    Full,

    /// <summary>Factor 1/2: 16, 32 and 64 channels, about a quarter of the full width's work.</summary>
    Half,

    /// <summary>Factor 1/4: 8, 16 and 32 channels, about a sixteenth of the full width's work.</summary>
    Quarter,
}
