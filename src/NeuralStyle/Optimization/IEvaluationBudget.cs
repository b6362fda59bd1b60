using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>
/// What an optimisation algorithm sees of the problem: an objective it may evaluate while the
/// budget lasts. Each evaluation is one forward and backward pass.
/// </summary>
internal interface IEvaluationBudget
{
    /// <summary>True while at least one more evaluation is allowed.</summary>
    bool HasRemaining { get; }

    /// <summary>
    /// Evaluates the objective at the variable's current value, leaving d(loss)/d(variable) in a
    /// new tensor owned by the caller, and returns the loss. Throws
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    double Evaluate(torch.Tensor variable, out torch.Tensor gradient);
}
