using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Records;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Transfer;

namespace NeuralStyle.Batch.Running;

/// <summary>
/// Checks every job before any runs, collecting every problem with its line: outputs (format,
/// duplicates, outputs that are some job's input), photos, the decoding limits. (A job's stylizer
/// was validated when it was made.)
/// </summary>
internal static class BatchValidator
{
    /// <summary>Throws with every problem when a job cannot run.</summary>
    /// <exception cref="BatchValidationException">Some jobs cannot run.</exception>
    public static void Validate(IReadOnlyList<BatchJob> jobs, BatchOptions options)
    {
        var problems = new List<BatchProblem>();
        StringComparer paths = OutputGuard.Comparer;
        var inputs = options.ProtectedFiles.Select(f => (Path: OutputGuard.Canonical(f), Line: 0, Role: "protected file"))
            .Concat(jobs.SelectMany(j => j.Inputs.Select(i => (Path: OutputGuard.Canonical(i.Path), j.Line, i.Role))))
            .GroupBy(i => i.Path, paths)
            .ToDictionary(g => g.Key, g => g.First(), paths);
        var outputs = new Dictionary<string, int>(paths);
        try
        {
            _ = new ImageLoader(options.ImageLimits);
        }
        catch (StyleTransferConfigurationException e)
        {
            problems.AddRange(e.Problems.Select(p => new BatchProblem(0, $"BatchOptions.ImageLimits: {p}", p.Setting)));
        }

        foreach (BatchJob job in jobs)
        {
            CheckOutput(job, inputs, outputs, problems);
            if (InputFile.Problem(job.Content, "content image") is string missing)
            {
                problems.Add(new BatchProblem(job.Line, missing, Setting.ContentImage));
            }
        }

        if (problems.Count > 0)
        {
            throw new BatchValidationException(problems.OrderBy(p => p.Line).ToArray());
        }
    }

    private static void CheckOutput(BatchJob job, Dictionary<string, (string Path, int Line, string Role)> inputs, Dictionary<string, int> outputs, List<BatchProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(job.Output))
        {
            problems.Add(new BatchProblem(job.Line, "output is empty: give the result's path (.png, .jpg or .webp)."));
            return;
        }

        try
        {
            ImageWriter.EnsureSupported(job.Output);
        }
        catch (NotSupportedException e)
        {
            problems.Add(new BatchProblem(job.Line, e.Message));
        }

        if (Directory.Exists(job.Output))
        {
            problems.Add(new BatchProblem(job.Line, $"the output '{job.Output}' is a folder: give a file name inside it (.png, .jpg or .webp)."));
        }

        string output = OutputGuard.Canonical(job.Output);
        foreach ((string written, string what) in new[] { (output, "output"), (OutputGuard.Canonical(JobRecord.PathFor(job.Output)), "job record") })
        {
            if (inputs.TryGetValue(written, out (string Path, int Line, string Role) input))
            {
                string whose = input.Line == 0 ? "a" : input.Line == job.Line ? "its own" : $"line {input.Line}'s";
                problems.Add(new BatchProblem(job.Line, $"the {what} '{written}' is {whose} {input.Role}: inputs are never overwritten, even when overwriting is allowed; choose another output path."));
            }
        }

        if (!outputs.TryAdd(output, job.Line))
        {
            problems.Add(new BatchProblem(job.Line, $"the output '{job.Output}' is also line {outputs[output]}'s output: give each job its own output."));
        }
    }
}
