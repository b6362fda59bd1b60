using TorchSharp;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// Finds the named tensors holding a value that is not finite, or whose square is not (a float32
/// above about 1.8e19, which Adam's second moment would turn into infinity): one small reduction per
/// tensor and one read back, cheap next to a training step.
/// </summary>
internal static class FiniteCheck
{
    /// <summary>The names of the tensors of <paramref name="tensors"/> that fail the check, in order (empty when all pass).</summary>
    public static IReadOnlyList<string> Failing(IReadOnlyList<string> names, IReadOnlyList<torch.Tensor> tensors)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor[] flags = tensors.Select(t => t.detach().square().isfinite().all()).ToArray();
        bool[] finite = torch.stack(flags).cpu().data<bool>().ToArray();
        return names.Where((_, i) => !finite[i]).ToArray();
    }

    /// <summary>A short list for a message: the first few names and how many more.</summary>
    public static string Describe(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(3).Select(n => $"'{n}'")) + (names.Count > 3 ? $" and {names.Count - 3} more" : string.Empty);
}
