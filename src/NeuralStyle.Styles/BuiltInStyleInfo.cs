namespace NeuralStyle.Styles;

/// <summary>What a built-in style is: its name, the painting, and how its model was trained.</summary>
/// <param name="Style">The style.</param>
/// <param name="Name">Its name wherever a model path is accepted (<c>neural-style apply starry-night ...</c>).</param>
/// <param name="Painting">The painting it was trained on, with painter and year.</param>
/// <param name="Training">How the model was trained (steps, crops, photos; the model file's own record).</param>
public sealed record BuiltInStyleInfo(BuiltInStyle Style, string Name, string Painting, string Training);
