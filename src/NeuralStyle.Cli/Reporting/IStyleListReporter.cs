using NeuralStyle.Styles;

namespace NeuralStyle.Cli.Reporting;

/// <summary>What <c>neural-style styles</c> reports.</summary>
internal interface IStyleListReporter : IReporter
{
    /// <summary>A built-in style.</summary>
    void StyleListed(BuiltInStyleInfo style);
}
