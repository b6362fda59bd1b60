using NeuralStyle.Batch.Jobs;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Imaging;
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
        var inputs = jobs.SelectMany(j => j.Inputs.Select(i => (Path: Full(i.Path), j.Line, i.Role))).GroupBy(i => i.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var outputs = new Dictionary<string, int>(StringComparer.Ordinal);
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

    /// <summary>The path a file is known by in a batch: full, with links resolved where the file exists.</summary>
    internal static string Full(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        return file.Exists && file.LinkTarget is not null ? file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName : file.FullName;
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

        string output = Full(job.Output);
        if (inputs.TryGetValue(output, out (string Path, int Line, string Role) input))
        {
            string whose = input.Line == job.Line ? "its own" : $"line {input.Line}'s";
            problems.Add(new BatchProblem(job.Line, $"the output '{job.Output}' is {whose} {input.Role}: inputs are never overwritten, choose another output path."));
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
        if (!File.Exists(job.Content))
        {
            problems.Add(new BatchProblem(job.Line, $"the content image '{job.Content}' does not exist.", Setting.ContentImage));
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
            .WithContent(job.Content);
        foreach (BatchStyle style in job.Styles)
        {
            builder.AddStyle(style.Path, style.Weight, style.Mask);
        }

        return options.Logger is null ? builder : builder.WithLogger(options.Logger);
    }
}
