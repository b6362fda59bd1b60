namespace NeuralStyle.Transfer;

/// <summary>One scale of a (possibly multi-scale) transfer, as announced by <see cref="StyleTransfer.PlanScales"/>.</summary>
/// <param name="Index">0-based index of the scale.</param>
/// <param name="Count">How many scales the run has.</param>
/// <param name="Width">Width of the image optimised at this scale.</param>
/// <param name="Height">Height of the image optimised at this scale.</param>
/// <param name="Evaluations">Evaluations spent at this scale.</param>
public sealed record ScaleStage(int Index, int Count, int Width, int Height, int Evaluations);
