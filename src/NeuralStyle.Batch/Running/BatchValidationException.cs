namespace NeuralStyle.Batch.Running;

/// <summary>A batch has jobs that cannot run; every problem is listed, each with its line. Nothing was run or written.</summary>
public sealed class BatchValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public BatchValidationException(IReadOnlyList<BatchProblem> problems)
        : base(Summary(problems)) => Problems = problems;

    /// <summary>Creates the exception with a message and no problems.</summary>
    public BatchValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BatchValidationException(string message)
        : this([new BatchProblem(0, message)])
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BatchValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [new BatchProblem(0, message)];

    /// <summary>Every problem, in line order.</summary>
    public IReadOnlyList<BatchProblem> Problems { get; }

    private static string Summary(IReadOnlyList<BatchProblem> problems) =>
        $"{problems.Count} job problem(s), nothing was run:{Environment.NewLine}" + string.Join(Environment.NewLine, problems);
}
