using NeuralStyle.Hosting.Jobs;

namespace NeuralStyle.Hosting.Tests.Jobs;

/// <summary>A job on its own: an unguessable URL-safe id, its result's content type, and an end that is final and lets go of the upload.</summary>
public sealed class StylizationJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_are_url_safe_of_one_length_and_distinct()
    {
        string[] ids = [.. Enumerable.Range(0, 200).Select(_ => new StylizationJob(new StylizationRequest(new byte[] { 1 }), Now).Id)];
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]+$", id));
        Assert.All(ids, id => Assert.Equal(StylizationJob.IdLength, id.Length));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(".png", "image/png")]
    [InlineData(".JPG", "image/jpeg")]
    [InlineData(".jpeg", "image/jpeg")]
    [InlineData(".webp", "image/webp")]
    public void The_result_s_content_type_follows_the_format(string format, string contentType) =>
        Assert.Equal(contentType, new StylizationJob(new StylizationRequest(new byte[] { 1 }) { Format = format }, Now).ResultContentType);

    [Fact]
    public void The_first_end_is_final_completes_the_progress_and_drops_the_upload()
    {
        var job = new StylizationJob(new StylizationRequest(new byte[] { 1, 2, 3 }) { Style = "the-scream" }, Now);
        Assert.Equal((StylizationState.Queued, false), (job.State, job.IsFinished));

        job.Advance(StylizationState.Running, 0.4);
        Assert.Equal((StylizationState.Running, 0.4), (job.State, job.Progress));

        job.End(StylizationState.Succeeded, Now.AddSeconds(3), result: new byte[] { 9 });
        job.End(StylizationState.Failed, Now.AddSeconds(4), "too late");

        Assert.Equal((StylizationState.Succeeded, 1.0, (string?)null, Now.AddSeconds(3)), (job.State, job.Progress, job.Error, job.Finished));
        Assert.True(job.IsFinished);
        Assert.Equal([9], job.Result.ToArray());
        Assert.True(job.Request.Image.IsEmpty);
        Assert.Equal("the-scream", job.Style);
    }

    [Fact]
    public void A_failed_job_keeps_its_progress_and_says_why()
    {
        var job = new StylizationJob(new StylizationRequest(new byte[] { 1 }), Now);
        job.Advance(StylizationState.Running, 0.25);
        job.End(StylizationState.Failed, Now, "the photo is corrupt");
        Assert.Equal((StylizationState.Failed, 0.25, "the photo is corrupt"), (job.State, job.Progress, job.Error));
        Assert.True(job.Result.IsEmpty);
    }
}
