using NeuralStyle.Configuration;
using NeuralStyle.Transfer;

namespace NeuralStyle.Batch.Manifests;

/// <summary>A manifest line's style transfer: its style images (with their blend weights and masks) and its settings, bound from the line's keys.</summary>
/// <param name="Styles">The style images, full paths, with <c>style-blend</c>'s weights and <c>style-mask</c>'s masks.</param>
/// <param name="Settings"><c>preset</c>'s settings with every other key applied (<see cref="TransferSettingBindings"/>); validated when the transfer is built.</param>
public sealed record ManifestTransfer(IReadOnlyList<StyleInput> Styles, StyleTransferSettings Settings);
