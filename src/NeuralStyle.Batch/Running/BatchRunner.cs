using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Batch.Diagnostics;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Records;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.IO;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;

namespace NeuralStyle.Batch.Running;

/// <summary>
/// Runs a batch of jobs, or one shard of it: idempotent and resumable. Every job is checked when the
/// runner is created (all problems at once, with their lines); each job runs through
/// <see cref="StylizePipeline"/> with its stylizer. A job whose output exists with a record of the same settings hash is skipped;
/// outputs and records are written atomically, so a process killed at any moment and started again
/// finishes the batch with every output present once, none partial, none redone. A failed job is
/// recorded beside its output, with its error, and the others go on.
/// </summary>
public sealed class BatchRunner
{
    private readonly BatchOptions _options;
    private readonly FileDigests _digests = new();
    private readonly ILogger _logger;
    private readonly StylizePipeline _pipeline;

    private BatchRunner(IReadOnlyList<BatchJob> jobs, BatchOptions options)
    {
        Jobs = jobs;
        _options = options;
        _pipeline = new StylizePipeline(options.ImageLimits);
        _logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Every job of the batch, in manifest order.</summary>
    public IReadOnlyList<BatchJob> Jobs { get; }

    /// <summary>Checks every job: outputs, photos, decoding limits.</summary>
    /// <param name="jobs">The jobs, in manifest order (shards are taken from this order).</param>
    /// <param name="options">What the jobs share.</param>
    /// <exception cref="BatchValidationException">Some jobs cannot run: every problem, with its line. Nothing was run.</exception>
    public static BatchRunner Create(IReadOnlyList<BatchJob> jobs, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        options ??= new BatchOptions();
        BatchValidator.Validate(jobs, options);
        return new BatchRunner(jobs.ToArray(), options);
    }

    /// <summary>The jobs of <paramref name="shard"/>, in manifest order.</summary>
    public IReadOnlyList<BatchJob> JobsOf(Shard shard) => Jobs.Where((_, i) => shard.Includes(i)).ToArray();

    /// <summary>Runs the jobs of <paramref name="shard"/> (all by default) one after the other.</summary>
    /// <param name="shard">Which part of the batch to run.</param>
    /// <param name="progress">Receives a report when each job starts, as it advances and when it ends.</param>
    /// <param name="cancellationToken">Stops the run between jobs and inside a job; the job in progress writes nothing.</param>
    /// <returns>Each job's outcome; <see cref="BatchReport.AllSucceeded"/> says whether any failed.</returns>
    public async Task<BatchReport> RunAsync(Shard? shard = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Shard part = shard ?? Shard.All;
        IReadOnlyList<BatchJob> jobs = JobsOf(part);
        BatchLog.Starting(_logger, jobs.Count, Jobs.Count, part.ToString());
        var clock = Stopwatch.StartNew();
        var outcomes = new List<BatchJobOutcome>(jobs.Count);
        foreach (BatchJob job in jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BatchProgress Report(double fraction, BatchJobOutcome? finished = null) => new()
            {
                Completed = outcomes.Count,
                Total = jobs.Count,
                Skipped = outcomes.Count(o => o.State == BatchJobState.Skipped),
                Failed = outcomes.Count(o => o.State == BatchJobState.Failed),
                Job = job,
                JobFraction = fraction,
                Finished = finished,
            };

            progress?.Report(Report(0));
            BatchJobOutcome outcome = await RunJobAsync(job, fraction => progress?.Report(Report(fraction)), cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            BatchLog.JobEnded(_logger, job.Describe(), outcome.State.ToString(), outcome.Elapsed.TotalMilliseconds);
            progress?.Report(Report(1, outcome));
        }

        return new BatchReport(part, outcomes, clock.Elapsed);
    }

    private async Task<BatchJobOutcome> RunJobAsync(BatchJob job, Action<double> advanced, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? settings = null;
        try
        {
            int stale = AtomicFile.RemoveStale(job.Output) + AtomicFile.RemoveStale(JobRecord.PathFor(job.Output));
            if (stale > 0)
            {
                BatchLog.StaleRemoved(_logger, stale, job.Output);
            }

            settings = JobFingerprint.Compute(job, _digests);
            JobRecord? record = JobRecord.Read(job.Output);
            if (File.Exists(job.Output))
            {
                if (record is { State: JobState.Done } done && done.Settings == settings && done.Output == _digests.OfUncached(job.Output))
                {
                    return new BatchJobOutcome(job, BatchJobState.Skipped, clock.Elapsed);
                }

                if (record is null && !_options.Overwrite)
                {
                    // Not written by a batch: never replaced silently, and no record is written for it.
                    return new BatchJobOutcome(job, BatchJobState.Failed, clock.Elapsed,
                        new OutputExistsException($"'{job.Output}' exists and was not written by a batch: move it, or allow overwriting it."));
                }
            }

            byte[] encoded = await _pipeline.RenderAsync(
                job.Stylizer, ImageSource.FromFile(job.Content), job.Output, new SynchronousProgress<StylizeProgress>(p => advanced(p.Fraction)), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            new JobRecord { State = JobState.Done, Settings = settings, Output = FileDigests.Of(encoded), Line = job.Line, Finished = DateTimeOffset.UtcNow }
                .Write(job.Output, cancellationToken);
            AtomicFile.Write(job.Output, overwrite: true, encoded, cancellationToken);
            return new BatchJobOutcome(job, BatchJobState.Done, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            BatchLog.JobFailed(_logger, job.Describe(), e.Message);
            if (settings is not null)
            {
                TryRecordFailure(job, settings, e.Message);
            }

            return new BatchJobOutcome(job, BatchJobState.Failed, clock.Elapsed, e);
        }
    }

    private void TryRecordFailure(BatchJob job, string settings, string error)
    {
        try
        {
            new JobRecord { State = JobState.Failed, Settings = settings, Line = job.Line, Error = error, Finished = DateTimeOffset.UtcNow }.Write(job.Output, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BatchLog.JobFailed(_logger, job.Describe(), $"its failure could not be recorded either: {e.Message}");
        }
    }
}
