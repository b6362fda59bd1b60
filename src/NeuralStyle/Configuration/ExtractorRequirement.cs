using NeuralStyle.Features;

namespace NeuralStyle.Configuration;

/// <summary>
/// The feature extractor a set of settings was made for (e.g. the Keras example's layer names
/// and weights, tuned for VGG19 on Caffe-preprocessed input). <c>Build()</c> refuses an extractor
/// whose input normalisation differs, before it would fail on the layer names. To adapt such
/// settings to another network, set <see cref="StyleTransferSettings.Extractor"/> to null.
/// </summary>
/// <param name="Source">What made the settings, for messages, e.g. <c>The KerasExample preset</c>.</param>
/// <param name="Backbone">The network the settings name layers of, e.g. <c>VGG19</c>.</param>
/// <param name="Input">The input normalisation the extractor's weights must expect, e.g. <see cref="ChannelNormalization.Caffe"/>.</param>
/// <param name="InputName">A name for <paramref name="Input"/> in messages, e.g. <c>Caffe preprocessing</c>.</param>
public sealed record ExtractorRequirement(string Source, string Backbone, IInputNormalization Input, string InputName)
{
    /// <summary>Whether <paramref name="extractor"/> expects the input these settings need.</summary>
    public bool IsMetBy(IFeatureExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        return Equals(extractor.Normalization, Input);
    }
}
