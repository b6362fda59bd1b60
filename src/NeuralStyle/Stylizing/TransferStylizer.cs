using Microsoft.Extensions.Logging;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Transfer;

namespace NeuralStyle.Stylizing;

/// <summary>
/// A style transfer (Gatys et al.) with its styles, settings and feature extractor fixed, made and
/// validated once by <see cref="StyleTransferBuilder.BuildStylizer"/>; each call optimises one photo.
/// The style targets are computed once per working size and reused by later calls (not with
/// <see cref="ColorPreservation.ColorMatching"/>, which recolours the styles to each photo: their
/// targets are the photo's own; a bounded cache keeps the latest). Not thread-safe
/// for concurrent calls on one extractor; does not own the extractor.
/// </summary>
public sealed class TransferStylizer : IStylizer
{
    private readonly IFeatureExtractor _extractor;
    private readonly IReadOnlyList<StyleInput> _styles;
    private readonly ILogger? _logger;
    private readonly ImageLoadOptions _loadOptions;
    private readonly StyleTargetCache _targets = new();

    internal TransferStylizer(
        IFeatureExtractor extractor, string extractorIdentity, IReadOnlyList<(StyleInput Input, string Identity)> styles, StyleTransferSettings settings, ResolvedObjective objective, ILogger? logger, ImageLoadOptions loadOptions)
    {
        _extractor = extractor;
        _styles = styles.Select(s => s.Input).ToArray();
        _logger = logger;
        _loadOptions = loadOptions;
        Settings = settings;
        Objective = objective;
        Inputs = _styles.SelectMany(s => s.Files).ToArray();
        Description = $"a transfer of {string.Join(" and ", _styles.Select(s => s.Source.Description))} with {extractor.Name}";
        Identity = StylizerIdentity.Of("transfer", new
        {
            Settings = settings,
            Styles = styles.Select(s => new { s.Input.Weight, Content = s.Identity }),
            Extractor = extractorIdentity,
        });
    }

    /// <summary>The settings in force (validated).</summary>
    public StyleTransferSettings Settings { get; }

    /// <summary>The objective, its layers resolved by the feature extractor.</summary>
    public ResolvedObjective Objective { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Path, string Role)> Inputs { get; }

    /// <inheritdoc />
    public string Identity { get; }

    /// <summary>Style targets computed and reused so far (calls at one working size share them).</summary>
    public (int Computed, int Reused) StyleTargetUse => (_targets.Computed, _targets.Reused);

    /// <inheritdoc />
    public async Task<TransferImage> StylizeAsync(TransferImage content, IProgress<StylizeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RunReporting reporting = progress is null
            ? RunReporting.None
            : RunReporting.WithProgress(new SynchronousProgress<StyleTransferProgress>(p =>
                progress.Report(new StylizeProgress((double)p.Evaluation / Math.Max(1, p.TotalEvaluations)) { Transfer = p })));
        StyleTransferResult result = await RunAsync(content, reporting, cancellationToken).ConfigureAwait(false);
        return result.Image;
    }

    /// <summary>
    /// Optimises <paramref name="content"/> (not disposed) with this run's own sinks (progress at any
    /// cadence, snapshots) and returns the whole result: the image and the loss at every evaluation.
    /// </summary>
    /// <inheritdoc cref="StyleTransfer.Run(RunReporting, CancellationToken)"/>
    public Task<StyleTransferResult> RunAsync(TransferImage content, RunReporting reporting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return For(ImageSource.FromTransferImage(content)).RunAsync(reporting, cancellationToken);
    }

    /// <summary>The runnable transfer of one content image, sharing this stylizer's style targets.</summary>
    internal StyleTransfer For(ImageSource content) =>
        new(_extractor, content, _styles, Settings, Objective, _logger, _loadOptions, _targets);

    /// <summary>Releases the style targets kept (not the extractor).</summary>
    public void Dispose() => _targets.Dispose();
}
