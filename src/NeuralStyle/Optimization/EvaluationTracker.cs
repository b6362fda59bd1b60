using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NeuralStyle.Diagnostics;
using NeuralStyle.Engine;
using NeuralStyle.Optimization;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Optimization;

/// <summary>
/// Counts evaluations against the budget and does everything that happens per evaluation:
/// cancellation, loss history, divergence check, progress, snapshots and logging.
/// </summary>
internal sealed class EvaluationTracker(
    StyleObjective objective,
    ScaleRun run,
    RunReporting reporting,
    Action<int, LossBreakdown, torch.Tensor>? snapshot,
    ILogger logger,
    Stopwatch clock,
    CancellationToken cancellationToken) : IEvaluationBudget
{
    private readonly int _budget = run.Stage.Evaluations;
    // Grown as evaluations happen: a budget of a billion ("until cancelled") must not be allocated up front.
    private readonly List<LossBreakdown> _history = new(Math.Min(run.Stage.Evaluations, 4096));

    private bool _lastReported;

    public IReadOnlyList<LossBreakdown> History => _history;

    public bool HasRemaining => _history.Count < _budget;

    public double Evaluate(torch.Tensor variable, out torch.Tensor gradient)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!HasRemaining)
        {
            throw new InvalidOperationException("The evaluation budget is spent.");
        }

        LossBreakdown losses = objective.Evaluate(variable, out gradient, cancellationToken);
        _history.Add(losses);
        int evaluation = run.PreviousEvaluations + _history.Count;
        if (!double.IsFinite(losses.Total))
        {
            gradient.Dispose();
            Log.Diverged(logger, losses.Total, evaluation);
            throw new StyleTransferDivergedException(
                $"The loss became {losses.Total} at evaluation {evaluation} (content {losses.Content}, style {losses.Style}, " +
                $"total variation {losses.TotalVariation}). Lower the learning rate or the loss weights, or use L-BFGS.");
        }

        Log.Evaluated(logger, evaluation, run.TotalEvaluations, losses.Total, losses.Content, losses.Style, losses.TotalVariation);
        _lastReported = reporting.ReportsProgressAt(evaluation, last: !HasRemaining);
        if (_lastReported)
        {
            Report(evaluation, losses);
        }

        if (snapshot is not null && reporting.SnapshotsAt(evaluation))
        {
            snapshot(evaluation, losses, variable);
        }

        return losses.Total;
    }

    /// <summary>
    /// Called when the optimiser has stopped: reports the last evaluation if it was not, as when an
    /// optimiser converges before its budget is spent (the last evaluation is always reported).
    /// </summary>
    public void Finish()
    {
        if (!_lastReported && _history.Count > 0 && reporting.ReportsProgressAt(run.PreviousEvaluations + _history.Count, last: true))
        {
            _lastReported = true;
            Report(run.PreviousEvaluations + _history.Count, _history[^1]);
        }
    }

    private void Report(int evaluation, LossBreakdown losses) =>
        reporting.Progress!.Report(new StyleTransferProgress(evaluation, run.TotalEvaluations, losses, clock.Elapsed) { Scale = run.Stage });
}
