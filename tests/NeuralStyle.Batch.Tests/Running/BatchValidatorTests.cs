using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Records;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;

namespace NeuralStyle.Batch.Tests.Running;

/// <summary>The check of every job before any runs: outputs that clash with an output, an input or a protected file, bad photos and limits, each with its line.</summary>
public sealed class BatchValidatorTests : IDisposable
{
    private readonly BatchFolder _folder = new();

    private static BatchProblem[] Problems(IReadOnlyList<BatchJob> jobs, BatchOptions? options = null) =>
        [.. Assert.Throws<BatchValidationException>(() => BatchValidator.Validate(jobs, options ?? new BatchOptions())).Problems];

    [Fact]
    public void Jobs_with_their_own_outputs_pass()
    {
        Assert.Null(Record.Exception(() => BatchValidator.Validate(_folder.Jobs(4), new BatchOptions())));
        Assert.Null(Record.Exception(() => BatchValidator.Validate([], new BatchOptions())));
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    [Fact]
    public void Two_spellings_of_one_output_are_one_output()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        jobs[1] = jobs[1] with { Output = _folder.File("out/../out/./result0.png") };

        BatchProblem problem = Assert.Single(Problems(jobs));
        Assert.Equal(2, problem.Line);
        Assert.Contains("is also line 1's output: give each job its own output.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_the_jobs_own_photo_is_refused_even_with_overwrite()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        jobs[1] = jobs[1] with { Output = jobs[1].Content };

        BatchProblem problem = Assert.Single(Problems(jobs, new BatchOptions { Overwrite = true }));
        Assert.Equal(2, problem.Line);
        Assert.Contains("is its own content image", problem.Message, StringComparison.Ordinal);
        Assert.Contains("inputs are never overwritten, even when overwriting is allowed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_or_a_job_record_over_a_protected_file_is_refused()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        var options = new BatchOptions { ProtectedFiles = [jobs[0].Output, JobRecord.PathFor(jobs[1].Output)] };

        BatchProblem[] problems = Problems(jobs, options);

        Assert.Equal([1, 2], problems.Select(p => p.Line));
        Assert.StartsWith("the output '", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("is a protected file", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("the job record '", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("is a protected file", problems[1].Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void An_output_that_links_to_another_jobs_photo_is_refused()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        string link = _folder.File("link.png");
        File.CreateSymbolicLink(link, jobs[0].Content);
        jobs[1] = jobs[1] with { Output = link };

        BatchProblem problem = Assert.Single(Problems(jobs));
        Assert.Equal(2, problem.Line);
        Assert.Contains("is line 1's content image", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_output_or_a_folder_is_refused()
    {
        string folder = _folder.File("out/folder.png");
        Directory.CreateDirectory(folder);
        BatchJob[] jobs = _folder.Jobs(2);
        jobs[0] = jobs[0] with { Output = "  " };
        jobs[1] = jobs[1] with { Output = folder };

        BatchProblem[] problems = Problems(jobs);

        Assert.Equal([1, 2], problems.Select(p => p.Line));
        Assert.StartsWith("output is empty", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal($"the output '{folder}' is a folder: give a file name inside it (.png, .jpg or .webp).", problems[1].Message);
    }

    [Fact]
    public void A_missing_photo_or_a_folder_for_one_is_a_content_image_problem()
    {
        BatchJob[] jobs = _folder.Jobs(2);
        jobs[0] = jobs[0] with { Content = _folder.File("missing.png") };
        jobs[1] = jobs[1] with { Content = _folder.Path };

        BatchProblem[] problems = Problems(jobs);

        Assert.Equal([1, 2], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal(Setting.ContentImage, p.Setting));
        Assert.Contains("does not exist", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("is a folder, not a file", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_in_line_order_the_limits_first()
    {
        BatchJob[] jobs = _folder.Jobs(3);
        BatchJob[] bad =
        [
            jobs[2] with { Output = _folder.File("out/x.gif") },
            jobs[1],
            jobs[0] with { Content = _folder.File("missing.png") },
        ];
        var options = new BatchOptions { ImageLimits = ImageLoadOptions.Default with { MaxPixels = 0 } };

        BatchValidationException e = Assert.Throws<BatchValidationException>(() => BatchValidator.Validate(bad, options));

        Assert.Equal([0, 1, 3], e.Problems.Select(p => p.Line));
        Assert.StartsWith("BatchOptions.ImageLimits:", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains(".gif", e.Problems[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("3 job problem(s), nothing was run:", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3: ", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
