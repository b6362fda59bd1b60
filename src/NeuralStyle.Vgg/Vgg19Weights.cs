using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.IO;
using NeuralStyle.Weights;
using TorchSharp;
using TorchSharp.PyBridge;

namespace NeuralStyle.Vgg;

/// <summary>
/// torchvision's ImageNet VGG19 weights: where they are downloaded from, where they are cached,
/// and how to keep only the convolutional features (about 80 MB instead of 548 MB).
/// </summary>
public static class Vgg19Weights
{
    /// <summary>torchvision's <c>vgg19-dcbb9e9d.pth</c> (the SHA-256 starts with the hex in its name).</summary>
    public static WeightsFile Torchvision { get; } = new(
        "vgg19-dcbb9e9d.pth", new Uri("https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"), "dcbb9e9d");

    /// <summary>The cache file name of the features-only copy made by <see cref="DownloadAsync"/> with <c>featuresOnly</c>.</summary>
    public const string FeaturesFileName = "vgg19-dcbb9e9d-features.safetensors";

    /// <summary>
    /// Returns the cached VGG19 weights (the features-only copy if present, else the full file).
    /// </summary>
    /// <exception cref="FileNotFoundException">They are not cached; the message says how to get them.</exception>
    public static string Locate(WeightsCache? cache = null)
    {
        cache ??= new WeightsCache();
        string features = Path.Combine(cache.Directory, FeaturesFileName);
        if (File.Exists(features))
        {
            return features;
        }

        return cache.TryGet(Torchvision) ?? throw new FileNotFoundException(
            $"The VGG19 weights are not in the cache '{cache.Directory}'. Download them with Vgg19Weights.DownloadAsync "
            + $"(network access needed), or download {Torchvision.Url} yourself and put it at "
            + $"'{cache.PathOf(Torchvision)}', or pass a weights file explicitly (Vgg19FeatureExtractor.FromFile).",
            cache.PathOf(Torchvision));
    }

    /// <summary>
    /// Downloads the weights into the cache unless they are already there (resuming a partial
    /// download, verifying the SHA-256), and returns their path. With <paramref name="featuresOnly"/>
    /// the convolutional layers are then rewritten as <see cref="FeaturesFileName"/> and the full
    /// file is deleted.
    /// </summary>
    public static async Task<string> DownloadAsync(
        WeightsCache? cache = null,
        bool featuresOnly = false,
        IProgress<DownloadProgress>? progress = null,
        WeightsDownloader? downloader = null,
        CancellationToken cancellationToken = default)
    {
        cache ??= new WeightsCache();
        string features = Path.Combine(cache.Directory, FeaturesFileName);
        if (File.Exists(features))
        {
            return features;
        }

        string full = await (downloader ?? new WeightsDownloader()).DownloadAsync(Torchvision, cache, progress, cancellationToken).ConfigureAwait(false);
        if (!featuresOnly)
        {
            return full;
        }

        // Another process may have made the features file from the same download (and deleted it) meanwhile.
        if (!File.Exists(features))
        {
            WriteFeaturesOnly(full, features);
        }

        File.Delete(full);
        return features;
    }

    /// <summary>
    /// Writes the <c>features.*</c> tensors of a VGG19 checkpoint to a <c>.safetensors</c> file
    /// (atomically: a temporary file renamed into place), after checking they fit VGG19.
    /// </summary>
    public static void WriteFeaturesOnly(string checkpointPath, string safetensorsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(safetensorsPath);
        using StateDictionary state = CheckpointReader.Read(checkpointPath);
        var expected = Vgg19FeatureExtractor.TorchvisionKeys.ToDictionary(k => k.Key, k => k.Shape);
        StateDictionaryValidator.Validate($"'{checkpointPath}'", state, expected);
        var features = expected.Keys.ToDictionary(k => k, k => state[k]);

        // A temporary file of its own (two processes may write the same cache file), renamed into place.
        AtomicFile.Write(safetensorsPath, overwrite: true, stream => Safetensors.SaveStateDict(stream, features, leaveOpen: true));
    }
}
