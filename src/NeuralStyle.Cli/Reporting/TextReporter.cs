using System.Globalization;
using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Styles;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;
using NeuralStyle.Weights;
using Spectre.Console;

namespace NeuralStyle.Cli.Reporting;

/// <summary>
/// Human-readable reporting: a live Spectre.Console progress bar (iteration, losses, ETA) on an
/// interactive terminal, or a plain line every tenth of the run when output is redirected;
/// errors go to standard error. With <c>quiet</c>, only errors are printed.
/// </summary>
internal sealed class TextReporter : IRunReporter
{
    private readonly CliConsole _console;
    private readonly bool _quiet;

    public TextReporter(CliConsole console, bool quiet)
    {
        _console = console;
        _quiet = quiet;
    }

    public void Started(RunStart start)
    {
        if (!_quiet)
        {
            _console.Out.WriteLine(Invariant(
                $"Styling {start.Content} with {string.Join(", ", start.Styles)}: {start.Backbone}, {start.Optimizer}, {start.Evaluations} evaluations{(start.MultiScale ? " at the output scale, coarse to fine" : string.Empty)}"));
        }
    }

    public async Task<T> TrackAsync<T>(Func<IProgress<StyleTransferProgress>, Task<T>> work)
    {
        if (_quiet)
        {
            return await work(new SynchronousProgress<StyleTransferProgress>(_ => { })).ConfigureAwait(false);
        }

        if (!_console.Interactive)
        {
            // A line per tenth of the whole run: every report carries the run's total (all scales).
            return await work(new SynchronousProgress<StyleTransferProgress>(p =>
            {
                int every = Math.Max(1, p.TotalEvaluations / 10);
                if (p.Evaluation % every == 0 || p.Evaluation == p.TotalEvaluations)
                {
                    _console.Out.WriteLine(Line(p));
                }
            })).ConfigureAwait(false);
        }

        return await Live(1, "Styling", task => new SynchronousProgress<StyleTransferProgress>(p =>
        {
            task.MaxValue = p.TotalEvaluations;
            task.Value = p.Evaluation;
            task.Description = Markup.Escape(Invariant($"{ScaleLabel(p)}{p.Evaluation}/{p.TotalEvaluations} loss {p.Losses.Total:G4} (style {p.Losses.Style:G3}) eta {p.EstimatedRemaining:mm\\:ss}"));
        }), work).ConfigureAwait(false);
    }

    public async Task<T> TrackDownloadAsync<T>(string what, Func<IProgress<DownloadProgress>, Task<T>> work)
    {
        if (_quiet)
        {
            return await work(new SynchronousProgress<DownloadProgress>(_ => { })).ConfigureAwait(false);
        }

        if (!_console.Interactive)
        {
            _console.Out.WriteLine($"Downloading {what}...");
            long nextLine = 0;
            return await work(new SynchronousProgress<DownloadProgress>(p =>
            {
                if (p.BytesReceived >= nextLine)
                {
                    _console.Out.WriteLine(Invariant($"  {p.BytesReceived / 1e6:F1} MB{(p.TotalBytes is long t ? Invariant($" of {t / 1e6:F1} MB") : string.Empty)}{(p.Resumed ? " (resumed)" : string.Empty)}"));
                    nextLine = p.BytesReceived + (50L << 20);
                }
            })).ConfigureAwait(false);
        }

        return await Live(100, Markup.Escape($"Downloading {what}"), task => new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.TotalBytes is long total && total > 0)
            {
                task.MaxValue = total;
                task.Value = p.BytesReceived;
            }
        }), work).ConfigureAwait(false);
    }

    public async Task<T> TrackTrainingAsync<T>(string what, Func<IProgress<TrainingProgress>, Task<T>> work)
    {
        if (_quiet)
        {
            return await work(new SynchronousProgress<TrainingProgress>(_ => { })).ConfigureAwait(false);
        }

        _console.Out.WriteLine(what);
        if (!_console.Interactive)
        {
            return await work(new SynchronousProgress<TrainingProgress>(p =>
            {
                long every = Math.Max(1, p.TotalSteps / 20);
                if (p.Step % every == 0 || p.Step == p.TotalSteps)
                {
                    _console.Out.WriteLine(TrainingLine(p));
                }
            })).ConfigureAwait(false);
        }

        return await Live(1, "Training", task => new SynchronousProgress<TrainingProgress>(p =>
        {
            task.MaxValue = p.TotalSteps;
            task.Value = p.Step;
            task.Description = Markup.Escape(TrainingLine(p));
        }), work).ConfigureAwait(false);
    }

    public async Task<T> TrackBatchAsync<T>(ShardAssignment shard, int shardJobs, int totalJobs, Func<IProgress<BatchProgress>, Task<T>> work)
    {
        if (_quiet)
        {
            return await work(new SynchronousProgress<BatchProgress>(_ => { })).ConfigureAwait(false);
        }

        _console.Out.WriteLine(Invariant($"Batch: {shardJobs} of {totalJobs} jobs (shard {shard.Shard}, from {Options.DescribedOptions.Annotate(shard.Source)})"));
        if (!_console.Interactive)
        {
            return await work(new SynchronousProgress<BatchProgress>(p =>
            {
                if (p.Finished is BatchJobOutcome outcome)
                {
                    _console.Out.WriteLine(JobLine(p, outcome));
                }
            })).ConfigureAwait(false);
        }

        return await Live(1, "Batch", task => new SynchronousProgress<BatchProgress>(p =>
        {
            task.MaxValue = p.Total;
            task.Value = p.Completed + (p.Finished is null ? p.JobFraction : 0);
            task.Description = Markup.Escape(p.Finished is BatchJobOutcome outcome
                ? JobLine(p, outcome)
                : Invariant($"jobs {p.Completed}/{p.Total}  {p.Job.Describe()} {p.JobFraction:P0}"));
        }), work).ConfigureAwait(false);
    }

    public void BatchFinished(BatchReport report)
    {
        if (!_quiet)
        {
            _console.Out.WriteLine(Invariant(
                $"Batch shard {report.Shard}: {report.Done} done, {report.Skipped} skipped (already done), {report.Failed} failed in {report.Elapsed.TotalSeconds:F1} s"));
        }

        foreach (BatchJobOutcome failed in report.Outcomes.Where(o => o.State == BatchJobState.Failed))
        {
            _console.Error.WriteLine($"neural-style: {failed.Job.Describe()} failed: {FailureText.Of(failed.Failure!)}");
        }
    }

    private static string JobLine(BatchProgress p, BatchJobOutcome outcome) => Invariant(
        $"jobs {p.Completed}/{p.Total}  {outcome.State.ToString().ToLowerInvariant()} {p.Job.Describe()} ({outcome.Elapsed.TotalMilliseconds:F0} ms){(outcome.Failure is null ? string.Empty : ": " + FailureText.Of(outcome.Failure))}");

    public void StyleListed(BuiltInStyleInfo style) =>
        _console.Out.WriteLine($"{style.Name,-14}{style.Painting}{Environment.NewLine}{string.Empty,-14}trained: {style.Training}");

    public void Wrote(string path, string what)
    {
        if (!_quiet)
        {
            _console.Out.WriteLine($"Wrote {path} ({what})");
        }
    }

    public void SnapshotWritten(int evaluation, string path)
    {
        if (!_quiet && !_console.Interactive)
        {
            _console.Out.WriteLine(Invariant($"  snapshot {evaluation}: {path}"));
        }
    }

    public void Finished(RunSummary summary)
    {
        if (!_quiet)
        {
            _console.Out.WriteLine(Invariant(
                $"Wrote {summary.Output} ({summary.Width}x{summary.Height}): {summary.Evaluations} evaluations in {summary.Seconds:F1} s, loss {summary.InitialLoss:G4} -> {summary.FinalLoss:G4}"));
        }
    }

    public void Downloaded(string path)
    {
        if (!_quiet)
        {
            _console.Out.WriteLine($"Verified and cached: {path}");
        }
    }

    public void Failed(ExitCode code, string message) => _console.Error.WriteLine($"neural-style: error: {message}");

    private static string Line(StyleTransferProgress p) => Invariant(
        $"{ScaleLabel(p)}{p.Evaluation,5}/{p.TotalEvaluations}  loss {p.Losses.Total,10:G4}  content {p.Losses.Content:G3}  style {p.Losses.Style:G3}  tv {p.Losses.TotalVariation:G3}  eta {p.EstimatedRemaining:mm\\:ss}");

    private static string TrainingLine(TrainingProgress p) => Invariant(
        $"step {p.Step}/{p.TotalSteps}  loss {p.Loss.Total:G4}  content {p.Loss.Content:G3}  style {p.Loss.Style:G3}  tv {p.Loss.TotalVariation:G3}  {p.ImagesPerSecond:F1} img/s  eta {p.Remaining:hh\\:mm\\:ss}{(p.SkippedImages > 0 ? Invariant($"  skipped {p.SkippedImages}") : string.Empty)}");

    private async Task<T> Live<T, TProgress>(
        double maxValue, string description, Func<ProgressTask, IProgress<TProgress>> sink, Func<IProgress<TProgress>, Task<T>> work)
    {
        IAnsiConsole ansi = _console.CreateAnsiConsole();
        return await ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(description, maxValue: maxValue);
                T result = await work(sink(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string ScaleLabel(StyleTransferProgress p) =>
        p.Scale is { Count: > 1 } scale ? Invariant($"scale {scale.Index + 1}/{scale.Count} {scale.Width}x{scale.Height}  ") : string.Empty;
}
