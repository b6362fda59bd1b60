using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Records;
using NeuralStyle.Batch.Running;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.Configuration;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.Batch.Tests.Running;

/// <summary>Idempotent, resumable runs: skipped when done, redone when the settings or inputs change, failures recorded, shards disjoint.</summary>
public sealed class BatchRunnerTests : IDisposable
{
    private readonly BatchFolder _folder = new();

    private static async Task<BatchReport> RunAsync(IReadOnlyList<BatchJob> jobs, Shard? shard = null, BatchOptions? options = null)
    {
        BatchRunner runner = BatchRunner.Create(jobs, options);
        return await runner.RunAsync(shard);
    }

    [Fact]
    public async Task Runs_every_job_then_skips_them_all()
    {
        BatchJob[] jobs = _folder.Jobs(4);
        BatchReport first = await RunAsync(jobs);
        Assert.Equal((4, 0, 0), (first.Done, first.Skipped, first.Failed));
        Assert.Equal(4, _folder.Stylizer.Calls);
        DateTime[] written = jobs.Select(j => File.GetLastWriteTimeUtc(j.Output)).ToArray();
        for (int i = 0; i < 4; i++)
        {
            using TransferImage result = BatchFolder.Load(jobs[i].Output);
            Assert.Equal((40 + (8 * i), 32), (result.Width, result.Height));
        }

        BatchReport second = await RunAsync(jobs);
        Assert.Equal((0, 4, 0), (second.Done, second.Skipped, second.Failed));
        Assert.Equal(4, _folder.Stylizer.Calls);
        Assert.Equal(written, jobs.Select(j => File.GetLastWriteTimeUtc(j.Output)));
        Assert.Empty(_folder.Leftovers());
    }

    [Fact]
    public async Task The_batchs_image_limits_apply_to_fast_style_jobs_and_are_checked_first()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        BatchReport report = await RunAsync(jobs, options: new BatchOptions { ImageLimits = ImageLoadOptions.Default with { MaxPixels = 40 * 32 } });
        Assert.Equal([BatchJobState.Done, BatchJobState.Failed], report.Outcomes.Select(o => o.State));
        Assert.Contains("MaxPixels", report.Outcomes[1].Error!, StringComparison.Ordinal);

        BatchValidationException invalid = Assert.Throws<BatchValidationException>(
            () => BatchRunner.Create(jobs, new BatchOptions { ImageLimits = ImageLoadOptions.Default with { MaxPixels = 0 } }));
        Assert.Contains(invalid.Problems, p => p.Message.StartsWith("BatchOptions.ImageLimits:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_setting_or_input_redoes_only_that_job()
    {
        BatchJob[] jobs = _folder.Jobs(3);
        await RunAsync(jobs);
        jobs[1] = jobs[1] with { Stylizer = new TestStylizer("other settings", (_folder.Model, "model file")) };
        using (Image edited = TestImages.Painting(56, 32))
        {
            edited.SaveAsPng(jobs[2].Content);
        }

        BatchReport again = await RunAsync(jobs);
        Assert.Equal([BatchJobState.Skipped, BatchJobState.Done, BatchJobState.Done], again.Outcomes.Select(o => o.State));
    }

    [Fact]
    public async Task An_output_changed_after_writing_is_redone()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        await RunAsync(jobs);
        File.WriteAllBytes(jobs[0].Output, [1, 2, 3]);
        BatchReport again = await RunAsync(jobs);
        Assert.Equal([BatchJobState.Done, BatchJobState.Skipped], again.Outcomes.Select(o => o.State));
        using TransferImage repaired = BatchFolder.Load(jobs[0].Output);
        Assert.Equal(40, repaired.Width);
    }

    [Fact]
    public async Task A_file_not_written_by_a_batch_is_kept_unless_overwriting_is_allowed()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        Directory.CreateDirectory(_folder.File("out"));
        File.WriteAllText(jobs[0].Output, "mine");
        BatchReport kept = await RunAsync(jobs);
        Assert.Equal([BatchJobState.Failed, BatchJobState.Done], kept.Outcomes.Select(o => o.State));
        Assert.IsType<OutputExistsException>(kept.Outcomes[0].Failure);
        Assert.Contains("exists and was not written by a batch", kept.Outcomes[0].Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(jobs[0].Output));

        BatchReport replaced = await RunAsync(jobs, options: new BatchOptions { Overwrite = true });
        Assert.Equal([BatchJobState.Done, BatchJobState.Skipped], replaced.Outcomes.Select(o => o.State));
    }

    [Fact]
    public void An_outcome_has_a_failure_exactly_when_it_failed()
    {
        BatchJob job = _folder.Jobs(1)[0];
        var failure = new IOException("disk full");
        Assert.Equal("disk full", new BatchJobOutcome(job, BatchJobState.Failed, TimeSpan.Zero, failure).Error);
        Assert.Null(new BatchJobOutcome(job, BatchJobState.Done, TimeSpan.Zero).Error);
        Assert.Throws<ArgumentException>(() => new BatchJobOutcome(job, BatchJobState.Failed, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new BatchJobOutcome(job, BatchJobState.Skipped, TimeSpan.Zero, failure));
    }

    [Fact]
    public async Task A_failed_job_is_recorded_and_the_others_go_on()
    {
        BatchJob[] jobs = _folder.Jobs(3);
        File.WriteAllBytes(jobs[1].Content, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        BatchReport report = await RunAsync(jobs);
        Assert.Equal([BatchJobState.Done, BatchJobState.Failed, BatchJobState.Done], report.Outcomes.Select(o => o.State));
        Assert.False(report.AllSucceeded);
        Assert.False(File.Exists(jobs[1].Output));
        JobRecord record = JobRecord.Read(jobs[1].Output)!;
        Assert.Equal(JobState.Failed, record.State);
        Assert.Equal(report.Outcomes[1].Error, record.Error);
        Assert.Contains("\"state\":\"failed\"", File.ReadAllText(JobRecord.PathFor(jobs[1].Output)), StringComparison.Ordinal);

        File.Copy(jobs[0].Content, jobs[1].Content, overwrite: true);
        BatchReport retried = await RunAsync(jobs);
        Assert.Equal([BatchJobState.Skipped, BatchJobState.Done, BatchJobState.Skipped], retried.Outcomes.Select(o => o.State));
    }

    [Fact]
    public async Task A_kill_between_the_record_and_the_output_leaves_a_job_that_runs_again()
    {
        BatchJob[] jobs = _folder.Jobs(1);
        await RunAsync(jobs);
        // What a kill after the record was written and before the rename leaves: the new record, no output, a temporary file.
        File.Move(jobs[0].Output, _folder.File($"out/.result0.png.{Guid.NewGuid():N}.tmp"));
        BatchReport resumed = await RunAsync(jobs);
        Assert.Equal(BatchJobState.Done, resumed.Outcomes[0].State);
        Assert.Empty(_folder.Leftovers());
    }

    [Fact]
    public async Task Two_shards_cover_the_batch_with_no_overlap()
    {
        BatchJob[] jobs = _folder.Jobs(4);
        BatchReport first = await RunAsync(jobs, new Shard(0, 2));
        BatchReport second = await RunAsync(jobs, new Shard(1, 2));
        Assert.Equal([1, 3], first.Outcomes.Select(o => o.Job.Line));
        Assert.Equal([2, 4], second.Outcomes.Select(o => o.Job.Line));
        Assert.All(first.Outcomes.Concat(second.Outcomes), o => Assert.Equal(BatchJobState.Done, o.State));
        Assert.All(jobs, j => Assert.True(File.Exists(j.Output)));
        Assert.Equal(0, (await RunAsync(jobs)).Done);
    }

    [Fact]
    public async Task Progress_reports_each_job_start_and_end()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        var reports = new List<BatchProgress>();
        BatchRunner runner = BatchRunner.Create(jobs);
        await runner.RunAsync(progress: new SynchronousProgress<BatchProgress>(reports.Add));
        Assert.Equal([0, 1], reports.Where(r => r.JobFraction == 0 && r.Finished is null).Select(r => r.Completed));
        Assert.Equal([1, 2], reports.Where(r => r.Finished is not null).Select(r => r.Completed));
        Assert.Equal(2, reports.Count(r => r.JobFraction == 0.5));
        Assert.Equal(BatchJobState.Done, reports[^1].Finished!.State);
    }

    [Fact]
    public async Task Cancelling_writes_nothing_for_the_job_in_progress()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        using var cancel = new CancellationTokenSource();
        BatchRunner runner = BatchRunner.Create(jobs);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(
            progress: new SynchronousProgress<BatchProgress>(p =>
            {
                if (p.Job.Line == 2)
                {
                    cancel.Cancel();
                }
            }),
            cancellationToken: cancel.Token));
        Assert.True(File.Exists(jobs[0].Output));
        Assert.False(File.Exists(jobs[1].Output));
        Assert.False(File.Exists(JobRecord.PathFor(jobs[1].Output)));
    }

    [Fact]
    public async Task A_changed_model_file_of_the_stylizer_redoes_every_job()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        await RunAsync(jobs);
        File.WriteAllBytes(_folder.Model, [4, 5, 6]);
        BatchReport again = await RunAsync(jobs);
        Assert.Equal([BatchJobState.Done, BatchJobState.Done], again.Outcomes.Select(o => o.State));
    }

    [Fact]
    public void Every_bad_job_is_reported_with_its_line_before_anything_runs()
    {
        BatchJob[] jobs = _folder.Jobs(4);
        BatchJob[] bad =
        [
            jobs[0],
            jobs[1] with { Output = jobs[0].Output },
            jobs[2] with { Output = jobs[0].Content },
            jobs[3] with { Output = _folder.File("out/x.gif") },
            jobs[0] with { Line = 5, Content = _folder.File("missing.png"), Output = _folder.File("out/y.png") },
            jobs[0] with { Line = 6, Output = _folder.Model },
        ];
        BatchValidationException e = Assert.Throws<BatchValidationException>(() => BatchRunner.Create(bad));
        Assert.Equal([2, 3, 4, 5, 6, 6], e.Problems.Select(p => p.Line));
        Assert.Contains("also line 1's output", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("line 1's content image", e.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains(".gif", e.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal(Setting.ContentImage, e.Problems[3].Setting);
        Assert.Contains("line 1's model file", e.Problems[4].Message + e.Problems[5].Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("out")));
        Assert.Equal(0, _folder.Stylizer.Calls);
    }

    public void Dispose() => _folder.Dispose();
}
