using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Hosting;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using NeuralStyle.ResNet18;

namespace NeuralStyle.Samples;

/// <summary>The snippets of docs/batch.md and docs/service.md.</summary>
public static class BatchUsage
{
    public static async Task<bool> RunAsync(string[] photos, CancellationToken cancellationToken)
    {
        #region batch-run
        using FastStyleModel model = FastStyleModel.Load("models/starry_night.safetensors");
        using FastStylizer stylizer = model.AsStylizer(StylizeOptions.Default with { Size = 1024 });
        BatchJob[] jobs = photos.Select((photo, i) => new BatchJob
        {
            Line = i + 1,
            Content = photo,
            Output = $"out/{Path.GetFileNameWithoutExtension(photo)}.png",
            Stylizer = stylizer,                                        // any IStylizer: a transfer's (BuildStylizer()) too
        }).ToArray();
        ShardAssignment shard = ShardEnvironment.Resolve();             // an explicit shard, or Kubernetes/Slurm/AWS Batch variables
        BatchRunner runner = BatchRunner.Create(jobs);                  // every job checked here, all problems at once
        var progress = new Progress<BatchProgress>(p => Console.WriteLine($"{p.Completed}/{p.Total} {p.Job.Output}"));
        BatchReport report = await runner.RunAsync(shard.Shard, progress, cancellationToken);
        Console.WriteLine($"{report.Done} done, {report.Skipped} already done, {report.Failed} failed");
        #endregion
        return report.AllSucceeded;
    }

    public static async Task<bool> RunManifestAsync(CancellationToken cancellationToken)
    {
        #region batch-manifest
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> badLines) = Manifest.Read("jobs.jsonl");  // settings bound, as the command binds them
        using var stylizers = new ManifestStylizers(
            settings => "resnet18",                                     // what a transfer needs of its network: one key, one network
            settings => (ResNet18FeatureExtractor.Load(new ResNet18Options()), "ResNet18 (embedded)"));
        (IReadOnlyList<BatchJob> jobs, IReadOnlyList<BatchProblem> badJobs) = stylizers.JobsFor(lines);  // each model loaded once, each transfer built once
        if (badLines.Count + badJobs.Count > 0)
        {
            throw new BatchValidationException([.. badLines, .. badJobs]);
        }

        BatchReport report = await BatchRunner.Create(jobs).RunAsync(cancellationToken: cancellationToken);
        #endregion
        return report.AllSucceeded;
    }

    public static void AddService(IServiceCollection services)
    {
        #region service-add
        services.AddNeuralStyle(options =>
        {
            options.ModelPath = "starry-night";                         // the default style; every built-in style is offered
            options.Models["mine"] = "models/mine.safetensors";         // more styles, loaded at start-up
            options.QueueCapacity = 16;                                 // a full queue refuses new jobs
            options.MaxDegreeOfParallelism = 1;                         // fast jobs at once
            options.Paint.QueueCapacity = 4;                            // transfers ("paint"): their own queue, one at a time
        });                                                             // validated at start-up; health check "neuralstyle"
        #endregion
    }

    public static string? Submit(IStylizationQueue queue, byte[] upload)
    {
        #region service-submit
        if (!queue.TryEnqueue(new StylizationRequest(upload) { Style = "the-scream", Size = 512 }, out StylizationJob? job))
        {
            return null;                                                // full: answer 503 with Retry-After
        }

        return job.Id;                                                  // later: queue.Find(id) → State, Progress, Error, Result
        #endregion
    }
}
