using TorchSharp;

namespace NeuralStyle.Features.Authoring;

/// <summary>
/// Checks a loaded state dictionary against the keys and shapes a network needs, before any value
/// is copied, and reports every problem (missing key, wrong shape, non-floating dtype, NaN or
/// infinite values) in one <see cref="InvalidWeightsException"/>.
/// </summary>
public static class StateDictionaryValidator
{
    /// <summary>Validates <paramref name="state"/> against <paramref name="expected"/> (key → shape).</summary>
    /// <param name="source">Where the weights came from, for the message.</param>
    /// <param name="state">The loaded tensors.</param>
    /// <param name="expected">Required keys and their shapes.</param>
    public static void Validate(string source, IReadOnlyDictionary<string, torch.Tensor> state, IReadOnlyDictionary<string, long[]> expected)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(expected);
        var problems = new List<string>();
        foreach ((string key, long[] shape) in expected)
        {
            if (!state.TryGetValue(key, out torch.Tensor? tensor))
            {
                problems.Add($"missing key '{key}' (expected shape [{string.Join(", ", shape)}])");
                continue;
            }

            if (!tensor.shape.SequenceEqual(shape))
            {
                problems.Add($"key '{key}' has shape [{string.Join(", ", tensor.shape)}], expected [{string.Join(", ", shape)}]");
                continue;
            }

            if (!tensor.is_floating_point())
            {
                problems.Add($"key '{key}' has dtype {tensor.dtype}, expected a floating-point type");
                continue;
            }

            // Each intermediate held in a local until disposed: a temporary no code refers to may be
            // finalised by a collection on another thread while a native call still reads it.
            using torch.Tensor finiteElements = tensor.isfinite();
            using torch.Tensor finite = finiteElements.all();
            if (!finite.ToBoolean())
            {
                problems.Add($"key '{key}' contains NaN or infinite values");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidWeightsException(
                $"The weights from {source} do not fit this network ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}): "
                + string.Join("; ", problems) + ".");
        }
    }
}
