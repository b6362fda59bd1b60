using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Records;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Styles;
using NeuralStyle.Transfer;

namespace NeuralStyle.Batch.Running;

/// <summary>
/// Checks every job before any runs, collecting every problem with its line: outputs (format,
/// duplicates, outputs that are some job's input), files, settings (each transfer built once with
/// the batch's extractor; each stylise option checked), and loads each distinct model once.
/// </summary>
internal static class BatchValidator
{
    /// <summary>The models the fast-style jobs use, loaded once each; throws with every problem when a job cannot run.</summary>
    public static Dictionary<string, FastStyleModel> Validate(IReadOnlyList<BatchJob> jobs, BatchOptions options)
    {
        var problems = new List<BatchProblem>();
        StringComparer paths = OutputGuard.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
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
            switch (job)
            {
                case TransferBatchJob transfer:
                    CheckTransfer(transfer, options, problems);
                    break;
                case FastStyleBatchJob fast:
                    CheckFastStyle(fast, problems);
                    break;
            }
        }

        Dictionary<string, FastStyleModel> models = LoadModels(jobs.OfType<FastStyleBatchJob>().ToArray(), options, problems);
        if (problems.Count > 0)
        {
            foreach (FastStyleModel model in models.Values)
            {
                model.Dispose();
            }

            throw new BatchValidationException(problems.OrderBy(p => p.Line).ToArray());
        }

        return models;
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
                problems.Add(new BatchProblem(job.Line, $"the {what} '{written}' is {whose} {input.Role}: inputs are never overwritten, with --overwrite or without; choose another output path."));
            }
        }

        if (!outputs.TryAdd(output, job.Line))
        {
            problems.Add(new BatchProblem(job.Line, $"the output '{job.Output}' is also line {outputs[output]}'s output: give each job its own output."));
        }
    }

    private static void CheckTransfer(TransferBatchJob job, BatchOptions options, List<BatchProblem> problems)
    {
        if (options.Extractor is null)
        {
            problems.Add(new BatchProblem(job.Line, "a style transfer needs the batch's feature extractor (BatchOptions.Extractor), or give the job a fast-style model instead.", Setting.FeatureExtractor));
            return;
        }

        try
        {
            TransferFor(job, options).Build();
        }
        catch (StyleTransferConfigurationException e)
        {
            problems.AddRange(e.Problems.Select(p => new BatchProblem(job.Line, p.ToString(), p.Setting)));
        }
    }

    private static void CheckFastStyle(FastStyleBatchJob job, List<BatchProblem> problems)
    {
        var found = new ProblemList();
        job.Options.Validate(found);
        problems.AddRange(found.Items.Select(p => new BatchProblem(job.Line, p.ToString(), p.Setting)));
        if (InputFile.Problem(job.Content, "content image") is string missing)
        {
            problems.Add(new BatchProblem(job.Line, missing, Setting.ContentImage));
        }
    }

    private static Dictionary<string, FastStyleModel> LoadModels(FastStyleBatchJob[] jobs, BatchOptions options, List<BatchProblem> problems)
    {
        var models = new Dictionary<string, FastStyleModel>(StringComparer.Ordinal);
        foreach (IGrouping<string, FastStyleBatchJob> group in jobs.GroupBy(j => j.ModelKey, StringComparer.Ordinal))
        {
            try
            {
                models[group.Key] = BuiltInStyles.LoadModel(group.Key, options.Device);
                if (options.Logger is not null)
                {
                    Diagnostics.BatchLog.ModelLoaded(options.Logger, group.Key, group.Count());
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or StyleTransferConfigurationException)
            {
                problems.AddRange(group.Select(j => new BatchProblem(j.Line, $"the model '{j.Model}' cannot be used: {e.Message}")));
            }
        }

        return models;
    }

    /// <summary>The builder of a transfer job, with the batch's extractor and logger.</summary>
    internal static StyleTransferBuilder TransferFor(TransferBatchJob job, BatchOptions options)
    {
        StyleTransferBuilder builder = new StyleTransferBuilder()
            .WithFeatureExtractor(options.Extractor!)
            .WithSettings(job.Settings)
            .WithImageLoadOptions(options.ImageLimits)
            .WithContent(job.Content);
        foreach (BatchStyle style in job.Styles)
        {
            builder.AddStyle(style.Path, style.Weight, style.Mask);
        }

        return options.Logger is null ? builder : builder.WithLogger(options.Logger);
    }
}
