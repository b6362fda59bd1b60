using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Testing;
using NeuralStyle.WebService;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Hosting.Tests;

/// <summary>The sample's HTTP API end to end: the happy path, oversize and corrupt uploads, a full queue, unknown ids, shutdown during a job.</summary>
public sealed class WebServiceTests
{
    private static ByteArrayContent Png(int width, int height)
    {
        using Image<Rgb24> image = TestImages.Photo(width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<StylizeEndpoints.JobView> WaitAsync(HttpClient client, string id, Func<StylizeEndpoints.JobView, bool> until)
    {
        for (int i = 0; i < 600; i++)
        {
            StylizeEndpoints.JobView view = (await client.GetFromJsonAsync<StylizeEndpoints.JobView>($"/jobs/{id}"))!;
            if (until(view))
            {
                return view;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Job {id} did not get there in 30 s.");
    }

    [Fact]
    public async Task A_photo_is_queued_stylised_and_returned()
    {
        using var factory = new ServiceFactory();
        HttpClient client = factory.CreateClient();
        HttpResponseMessage posted = await client.PostAsync("/stylize?size=64", Png(80, 60));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        StylizeEndpoints.JobView job = (await posted.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!;
        Assert.Equal($"/jobs/{job.Id}", posted.Headers.Location!.OriginalString);
        Assert.Equal(StylizationJob.IdLength, job.Id.Length);

        StylizeEndpoints.JobView done = await WaitAsync(client, job.Id, v => v.State is "succeeded" or "failed");
        Assert.Equal(("succeeded", 1.0), (done.State, done.Progress));
        HttpResponseMessage result = await client.GetAsync($"/jobs/{job.Id}/result");
        Assert.Equal("image/png", result.Content.Headers.ContentType!.MediaType);
        using Image image = Image.Load(await result.Content.ReadAsByteArrayAsync());
        Assert.Equal((64, 48), (image.Width, image.Height));

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task A_built_in_style_name_serves_as_the_model()
    {
        using var factory = new ServiceFactory(("NeuralStyle:ModelPath", "shipwreck"));
        HttpClient client = factory.CreateClient();
        HttpResponseMessage posted = await client.PostAsync("/stylize?size=64", Png(80, 60));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        StylizeEndpoints.JobView job = (await posted.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!;
        StylizeEndpoints.JobView done = await WaitAsync(client, job.Id, v => v.State is "succeeded" or "failed");
        Assert.Equal("succeeded", done.State);
    }

    [Fact]
    public void An_unknown_model_name_is_refused_at_start_up_with_the_names()
    {
        using var factory = new ServiceFactory(("NeuralStyle:ModelPath", "mona-lisa"));
        Exception refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("'mona-lisa' is neither a built-in style (starry-night, the-scream, shipwreck) nor an existing file", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversize_uploads_are_refused_before_decoding()
    {
        using var factory = new ServiceFactory(("Upload:MaxBytes", "20000"), ("Upload:MaxPixels", "1000000"));
        HttpClient client = factory.CreateClient();
        using var noise = new Image<Rgb24>(128, 128);
        var random = new Random(3);
        noise.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.GetRowSpan(y)));
            }
        });
        using var noisy = new MemoryStream();
        noise.SaveAsPng(noisy);
        Assert.True(noisy.Length > 20000, $"the test image is {noisy.Length} bytes");
        HttpResponseMessage bytes = await client.PostAsync("/stylize", new ByteArrayContent(noisy.ToArray()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bytes.StatusCode);
        Assert.Contains("limit", await bytes.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A small file that declares 4 million pixels: refused from its header.
        using var huge = new Image<L8>(2000, 2000);
        using var stream = new MemoryStream();
        huge.SaveAsPng(stream);
        Assert.True(stream.Length < 20000, $"the test image is {stream.Length} bytes");
        HttpResponseMessage pixels = await client.PostAsync("/stylize", new ByteArrayContent(stream.ToArray()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, pixels.StatusCode);
        Assert.Contains("2000x2000", await pixels.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, factory.Services.GetRequiredService<IStylizationQueue>().Pending);
    }

    [Fact]
    public async Task Corrupt_uploads_are_refused_or_fail_with_a_reason()
    {
        using var factory = new ServiceFactory();
        HttpClient client = factory.CreateClient();
        HttpResponseMessage garbage = await client.PostAsync("/stylize", new ByteArrayContent("this is not an image"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, garbage.StatusCode);

        byte[] png = await Png(80, 60).ReadAsByteArrayAsync();
        HttpResponseMessage truncated = await client.PostAsync("/stylize", new ByteArrayContent(png[..(png.Length / 2)]));
        if (truncated.StatusCode == HttpStatusCode.Accepted)
        {
            StylizeEndpoints.JobView job = (await truncated.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!;
            StylizeEndpoints.JobView failed = await WaitAsync(client, job.Id, v => v.State is "succeeded" or "failed");
            Assert.Equal("failed", failed.State);
            Assert.False(string.IsNullOrWhiteSpace(failed.Error));
            Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/jobs/{job.Id}/result")).StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, truncated.StatusCode);
        }
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after()
    {
        using var factory = new ServiceFactory(("NeuralStyle:QueueCapacity", "1"), ("NeuralStyle:MaxRetainedJobs", "8"), ("NeuralStyle:Stylize:TileSize", "64"), ("NeuralStyle:Stylize:TileOverlap", "8"));
        HttpClient client = factory.CreateClient();
        IStylizationQueue queue = factory.Services.GetRequiredService<IStylizationQueue>();
        var answers = new List<HttpResponseMessage>();
        for (int i = 0; i < 6; i++)
        {
            answers.Add(await client.PostAsync("/stylize", Png(1024, 768)));
            Assert.True(queue.Pending <= queue.Capacity, $"{queue.Pending} jobs wait in a queue of {queue.Capacity}");
        }

        HttpResponseMessage refused = answers.First(a => a.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter!.Delta);
        Assert.Contains("queue is full", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable));
    }

    [Theory]
    [InlineData("/jobs/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/jobs/AAAAAAAAAAAAAAAAAAAAAA/result")]
    [InlineData("/jobs/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/jobs/%2Fetc%2Fpasswd/result")]
    public async Task Unknown_ids_are_404(string path)
    {
        using var factory = new ServiceFactory();
        HttpResponseMessage answer = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Shutdown_during_a_job_cancels_it_promptly()
    {
        var factory = new ServiceFactory(("NeuralStyle:Stylize:TileSize", "64"), ("NeuralStyle:Stylize:TileOverlap", "8"));
        HttpClient client = factory.CreateClient();
        HttpResponseMessage first = await client.PostAsync("/stylize", Png(1024, 768));
        HttpResponseMessage second = await client.PostAsync("/stylize", Png(1024, 768));
        IStylizationQueue queue = factory.Services.GetRequiredService<IStylizationQueue>();
        StylizeEndpoints.JobView running = await WaitAsync(client, (await first.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!.Id, v => v.State != "queued");
        StylizationJob job = queue.Find(running.Id)!;
        StylizationJob waiting = queue.Find((await second.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!.Id)!;
        Assert.Equal(StylizationState.Running, job.State);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await factory.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"shutdown took {clock.Elapsed}");
        Assert.Equal(StylizationState.Cancelled, job.State);
        Assert.Equal(StylizationState.Cancelled, waiting.State);
        Assert.True(job.Result.IsEmpty);
    }
}
