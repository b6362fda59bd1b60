using System.Text.RegularExpressions;
using System.Globalization;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Features;
using NeuralStyle.Features.Authoring;
using NeuralStyle.IO;
using NeuralStyle.Optimization;
using TorchSharp;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// A training run's state after a step, as one <c>.safetensors</c> file written atomically: the
/// network's parameters under their model keys (so a checkpoint is also a loadable model),
/// Adam's moments under <c>adam.first.*</c> and <c>adam.second.*</c>, and in the metadata the step
/// (which is also the sample stream's position: crops are a function of the seed and the sample)
/// and the settings it belongs to.
/// </summary>
internal static class TrainingCheckpoint
{
    /// <summary>The metadata key of the step a checkpoint was written after.</summary>
    public const string StepKey = "checkpoint_step";

    /// <summary>The metadata key of the settings a checkpoint belongs to.</summary>
    public const string ResumeKey = "checkpoint_resume_key";

    /// <summary>The key prefix of Adam's state.</summary>
    public const string OptimizerPrefix = "adam.";

    private const string First = OptimizerPrefix + "first.";
    private const string Second = OptimizerPrefix + "second.";

    /// <summary>Writes the state after <paramref name="step"/> to <paramref name="path"/>, replacing the previous checkpoint atomically.</summary>
    /// <exception cref="InvalidOperationException">A parameter is not finite: the previous checkpoint is left as it was.</exception>
    public static void Write(string path, TransformerNet network, IReadOnlyList<AdamMoments> moments, long step, string resumeKey, FastStyleModelInfo info)
    {
        IReadOnlyList<string> failing = FiniteCheck.Failing([.. network.Parameters.Select(p => p.Key)], [.. network.Parameters.Select(p => p.Value)]);
        if (failing.Count > 0)
        {
            throw new InvalidOperationException($"The weights after step {step} are not finite ({FiniteCheck.Describe(failing)}); the checkpoint '{path}' was left as it was.");
        }

        var tensors = new List<KeyValuePair<string, torch.Tensor>>(network.Parameters);
        for (int i = 0; i < moments.Count; i++)
        {
            string key = network.Parameters[i].Key;
            tensors.Add(new(First + key, moments[i].First));
            tensors.Add(new(Second + key, moments[i].Second));
        }

        Dictionary<string, string> metadata = (info with { Steps = step }).ToMetadata();
        metadata[StepKey] = step.ToString(CultureInfo.InvariantCulture);
        metadata[ResumeKey] = resumeKey;
        AtomicFile.Write(path, overwrite: true, stream => Model.SafetensorsFile.Write(stream, tensors, metadata));
    }

    /// <summary>The precision a checkpoint's run trained in (from its resume key), or null when the file cannot be read (resuming then says why).</summary>
    public static TrainingPrecision? PrecisionOf(string path)
    {
        try
        {
            IReadOnlyDictionary<string, string> metadata = Model.SafetensorsFile.ReadMetadata(path);
            string text = Settings(metadata.GetValueOrDefault(ResumeKey) ?? string.Empty)["precision"];
            return Enum.GetValues<TrainingPrecision>().Single(p => TrainingSettingDescriptions.PrecisionText(p) == text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidWeightsException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// A resume key's settings by name (values may hold spaces: a loss network's name, a style file's);
    /// a key without <c>precision</c> is float32's (the only arithmetic before the setting).
    /// </summary>
    private static Dictionary<string, string> Settings(string key)
    {
        var settings = Regex.Split(key, " (?=[a-z][a-z-]*=)")
            .Where(s => s.Contains('=', StringComparison.Ordinal))
            .Select(s => s.Split('=', 2))
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        settings.TryAdd("precision", TrainingSettingDescriptions.PrecisionText(TrainingPrecision.Float32));
        return settings;
    }

    /// <summary>The settings two resume keys disagree on, each side's (a setting one side lacks, such as a warm start's <c>from</c>, is "no KEY").</summary>
    private static string Difference(string stored, string wanted)
    {
        Dictionary<string, string> theirs = Settings(stored), ours = Settings(wanted);
        string Side(Dictionary<string, string> mine, Dictionary<string, string> other) => string.Join(
            ", ",
            mine.Keys.Union(other.Keys).Where(k => mine.GetValueOrDefault(k) != other.GetValueOrDefault(k))
                .Select(k => mine.TryGetValue(k, out string? value) ? $"{k}={value}" : $"no {k}"));
        string difference = $"it has {Side(theirs, ours)}; this run has {Side(ours, theirs)}";
        return difference.Length > "it has ; this run has ".Length ? difference : $"it has {stored}; this run has {wanted}";
    }

    /// <summary>
    /// Reads a checkpoint for a run whose settings give <paramref name="resumeKey"/>: the network,
    /// Adam's moments (in parameter order) and the step to continue after.
    /// </summary>
    /// <exception cref="InvalidWeightsException">It is not a checkpoint of this run (other settings, other shapes, damaged).</exception>
    public static (TransformerNet Network, AdamMoments[] Moments, long Step) Read(string path, FastStyleArchitecture architecture, string resumeKey, torch.Device device)
    {
        (IReadOnlyDictionary<string, string> metadata, StateDictionary tensors) = Model.SafetensorsFile.Read(path);
        using (tensors)
        {
            if (!metadata.TryGetValue(StepKey, out string? stepText) || !long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out long step))
            {
                throw new InvalidWeightsException($"'{path}' is not a training checkpoint (it has no '{StepKey}' metadata): give a checkpoint file that training wrote, or start without resuming.");
            }

            string stored = metadata.GetValueOrDefault(ResumeKey) ?? string.Empty;
            if (stored != resumeKey)
            {
                throw new InvalidWeightsException(
                    $"The checkpoint '{path}' belongs to a run with other settings: {Difference(stored, resumeKey)}. "
                    + "Resume with the settings it was written with, or delete it to start afresh.");
            }

            IReadOnlyList<(string Key, long[] Shape)> parameters = NetworkPlan.Parameters(architecture);
            var expected = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach ((string key, long[] shape) in parameters)
            {
                expected[key] = shape;
                expected[First + key] = shape;
                expected[Second + key] = shape;
            }

            StateDictionaryValidator.Validate($"the checkpoint '{path}'", tensors, expected);
            var network = TransformerNet.FromState(architecture, tensors, device);
            AdamMoments[] moments = parameters
                .Select(p => new AdamMoments(Copy(tensors[First + p.Key], device), Copy(tensors[Second + p.Key], device)))
                .ToArray();
            return (network, moments, step);
        }
    }

    private static torch.Tensor Copy(torch.Tensor tensor, torch.Device device)
    {
        // The scope holds the intermediate copy, so it is not finalised while contiguous() reads it; the result leaves it.
        using var scope = torch.NewDisposeScope();
        return tensor.to(torch.ScalarType.Float32, device, copy: true).contiguous().DetachFromDisposeScope();
    }
}
