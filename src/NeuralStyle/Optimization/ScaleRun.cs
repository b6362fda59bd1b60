using NeuralStyle.Transfer;

namespace NeuralStyle.Optimization;

/// <summary>Where one scale's optimisation sits in the whole run: its stage and the evaluations around it.</summary>
/// <param name="Stage">The scale.</param>
/// <param name="PreviousEvaluations">Evaluations spent at earlier scales.</param>
/// <param name="TotalEvaluations">Evaluations of the whole run.</param>
internal sealed record ScaleRun(ScaleStage Stage, int PreviousEvaluations, int TotalEvaluations);
