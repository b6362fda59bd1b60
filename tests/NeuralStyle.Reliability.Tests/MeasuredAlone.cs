namespace NeuralStyle.Reliability.Tests;

/// <summary>
/// A test collection xunit runs on its own, after the parallel ones: its tests measure the whole
/// process (the C heap over all threads, the resident size), which other test classes' allocations
/// would otherwise inflate.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "Measured alone";
}
