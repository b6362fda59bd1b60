using System.CommandLine;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.Cli.Options;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Vgg;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli.Batch;

/// <summary>
/// <c>neural-style batch JOBS.jsonl</c>: every job of a manifest (or one shard of it) with one
/// model load; resumable and idempotent through <see cref="BatchRunner"/>; the shard from
/// <c>--shard K/N</c> or the job engine's environment (<see cref="ShardEnvironment"/>).
/// </summary>
internal static class BatchCommand
{
    /// <summary>The batch command's own options, set once for the whole batch (one model load, the shard, the output mode), refused on a manifest line.</summary>
    private static readonly ManifestReadOptions BatchLevel = new()
    {
        BatchLevelKeys = Create(_ => throw new InvalidOperationException("Only the batch command's options are read.")).Options
            .Select(o => o.Name.TrimStart('-'))
            .ToDictionary(key => key, key => $"pass --{key} to `neural-style batch` instead", StringComparer.Ordinal),
    };

    public static Command Create(Func<OutputMode, IBatchReporter> reporterFor)
    {
        var manifest = new Argument<string>("manifest") { Description = "JOBS.jsonl: one JSON object per line with content, style (or an array) or model, output, and settings named as the options (size, iterations, strength, ...)." };
        Option<Shard?> shard = DescribedOptions.Create<Shard?>(ShardSettingDescriptions.Shard);
        shard.HelpName = "K/N";
        shard.CustomParser = r =>
        {
            try
            {
                return Shard.Parse(r.Tokens.Single().Value);
            }
            catch (FormatException e)
            {
                r.AddError(e.Message);
                return null;
            }
        };
        Option<int?> shards = DescribedOptions.Create<int?>(ShardSettingDescriptions.ShardCount);
        var limits = new ImageLimitOptions();
        var network = new BackboneOptions();
        var threads = NativeRuntime.ThreadsOption();
        var overwrite = new Option<bool>("--overwrite", "-f") { Description = "Replace outputs that exist but were not written by a batch. (Outputs a batch wrote are skipped when their settings are unchanged, redone otherwise.)" };
        var mode = new OutputModeOptions();
        var command = new Command("batch", "Run the jobs of a manifest, or one shard of it: one model load, atomic outputs, done jobs skipped, a killed run resumed.")
        {
            manifest, shard, shards, threads, overwrite,
        };
        foreach (Option option in network.All)
        {
            command.Options.Add(option);
        }

        limits.AddTo(command);
        mode.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            IBatchReporter reporter = reporterFor(mode.Read(result));
            string manifestPath = result.GetRequiredValue(manifest);
            ShardAssignment assignment = Resolve(result.GetValue(shard), result.GetValue(shards));
            NativeRuntime.Prepare(result.GetValue(threads));
            Backbone backbone = result.GetValue(network.Backbone);
            string? weights = result.GetValue(network.Weights);
            string device = result.GetRequiredValue(network.Device);
            Vgg19Pooling? pooling = result.GetValue(network.Pooling);
            ImageLoadOptions imageLimits = limits.Read(result);
            var cache = new WeightsCache();

            // One extractor per distinct preprocessing the lines' presets need (VGG19 only: ResNet18 has one).
            using var stylizers = new ManifestStylizers(
                settings => BackboneFactory.NeedOf(backbone, settings, pooling),
                settings =>
                {
                    IFeatureExtractor extractor = BackboneFactory.Create(backbone, weights, device, BackboneFactory.Vgg19OptionsFor(settings, pooling), cache);
                    // The identity in each output's record: the network, its weights and how it was built (pooling, preprocessing).
                    return (extractor, $"{BackboneFactory.Describe(extractor, weights)} {BackboneFactory.NeedOf(backbone, settings, pooling)}");
                },
                BackboneFactory.ParseDevice(device),
                imageLimits);
            (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> badLines) = Manifest.Read(manifestPath, BatchLevel);
            (IReadOnlyList<BatchJob> jobs, IReadOnlyList<BatchProblem> badStylizers) = stylizers.JobsFor(lines);
            var options = new BatchOptions
            {
                Overwrite = result.GetValue(overwrite),
                ProtectedFiles = [manifestPath],
                ImageLimits = imageLimits,
            };
            BatchRunner runner = Prepare(jobs, [.. badLines, .. badStylizers], options);
            BatchReport report = await reporter.TrackBatchAsync(assignment, runner.JobsOf(assignment.Shard).Count, jobs.Count,
                sink => runner.RunAsync(assignment.Shard, sink, cancellationToken)).ConfigureAwait(false);
            reporter.BatchFinished(report);
            return (int)(report.AllSucceeded ? ExitCode.Success : ExitCode.JobsFailed);
        });
        return command;
    }

    /// <summary>The runner, or every problem at once: the manifest's bad lines and the library's checks of the good ones.</summary>
    private static BatchRunner Prepare(IReadOnlyList<BatchJob> jobs, IReadOnlyList<BatchProblem> badLines, BatchOptions options)
    {
        BatchRunner? runner = null;
        IReadOnlyList<BatchProblem> problems = badLines;
        try
        {
            runner = BatchRunner.Create(jobs, options);
        }
        catch (BatchValidationException e)
        {
            problems = [.. badLines, .. e.Problems];
        }

        if (problems.Count > 0)
        {
            throw new BatchValidationException(problems.OrderBy(p => p.Line).ToArray());
        }

        return runner!;
    }

    private static ShardAssignment Resolve(Shard? shard, int? shards)
    {
        try
        {
            return ShardEnvironment.Resolve(shard, shards);
        }
        catch (FormatException e)
        {
            throw new UsageException(DescribedOptions.Annotate(e.Message), e);
        }
    }
}
