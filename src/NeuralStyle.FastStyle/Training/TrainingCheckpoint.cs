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

    /// <summary>The settings two resume keys disagree on, each side's (a setting one side lacks, such as a float32 run's precision, is "no KEY").</summary>
    private static string Difference(string stored, string wanted)
    {
        string[] theirs = stored.Split(' ', StringSplitOptions.RemoveEmptyEntries), ours = wanted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        static string Key(string setting) => setting.Split('=')[0];
        static string Side(string[] mine, string[] other) => string.Join(
            ' ',
            mine.Except(other, StringComparer.Ordinal).Concat(other.Select(Key).Except(mine.Select(Key), StringComparer.Ordinal).Select(k => $"no {k}")));
        return $"it has {Side(theirs, ours)}, this run {Side(ours, theirs)}";
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

    private static torch.Tensor Copy(torch.Tensor tensor, torch.Device device) => tensor.to(torch.ScalarType.Float32, device, copy: true).contiguous().DetachFromDisposeScope();
}
