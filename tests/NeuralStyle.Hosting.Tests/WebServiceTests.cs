using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Testing;
using NeuralStyle.WebService;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Hosting.Tests;

/// <summary>The sample's HTTP API end to end: the happy path, oversize and corrupt uploads, a full queue, unknown ids, shutdown during a job.</summary>
[Collection(ServiceFactory.Collection)]
public sealed class WebServiceTests
{
    internal static ByteArrayContent Png(int width, int height)
    {
        using Image<Rgb24> image = TestImages.Photo(width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    internal static async Task<StylizeEndpoints.JobView> WaitAsync(HttpClient client, string id, Func<StylizeEndpoints.JobView, bool> until)
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
    public async Task A_small_photo_asked_for_at_2048_keeps_its_size_and_a_text_bomb_is_never_inflated()
    {
        using var factory = new ServiceFactory();
        HttpClient client = factory.CreateClient();
        StylizeEndpoints.JobView small = await SubmitAndWaitAsync(client, "/stylize?size=2048", Png(128, 96));
        Assert.Equal("succeeded", small.State);
        using (Image image = Image.Load(await client.GetByteArrayAsync($"/jobs/{small.Id}/result")))
        {
            Assert.Equal((128, 96), (image.Width, image.Height));
        }

        var bomb = new ByteArrayContent(HostileImages.PngWithTextBomb(64, 48, 256 << 20));
        bomb.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal("succeeded", (await SubmitAndWaitAsync(client, "/stylize", bomb)).State);
    }

    /// <summary>Posts <paramref name="content"/>, expects 202, and waits for the job to end.</summary>
    private static async Task<StylizeEndpoints.JobView> SubmitAndWaitAsync(HttpClient client, string path, HttpContent content)
    {
        HttpResponseMessage posted = await client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        StylizeEndpoints.JobView job = (await posted.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!;
        return await WaitAsync(client, job.Id, j => j.State is "succeeded" or "failed" or "cancelled");
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
        string refused = factory.StartFailure();
        Assert.True(refused.Contains("'mona-lisa' is neither a built-in style (starry-night, the-scream, shipwreck) nor an existing file", StringComparison.Ordinal), refused);
    }

    [Fact]
    public void Bad_image_limits_stop_the_start_naming_the_setting()
    {
        using var factory = new ServiceFactory(("NeuralStyle:ImageLimits:MaxPixels", "0"));
        string refused = factory.StartFailure();
        Assert.True(refused.Contains("NeuralStyle:ImageLimits:MaxPixels: ImageLoadOptions.MaxPixels must be a whole number of at least 1 (got 0).", StringComparison.Ordinal), refused);
    }

    [Fact]
    public async Task Registering_the_service_twice_keeps_one_health_check()
    {
        using var service = new ServiceFactory();
        using WebApplicationFactory<Program> twice = service.WithWebHostBuilder(web => web.ConfigureServices(s => s.AddNeuralStyle(o => o.QueueCapacity = 4)));
        HttpResponseMessage health = await twice.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void A_corrupt_model_file_stops_the_start_with_the_models_error()
    {
        string folder = Directory.CreateTempSubdirectory("neuralstyle-corrupt-").FullName;
        try
        {
            // A real model, cut in half: it exists (so the options pass) but does not load.
            string model = Path.Combine(folder, "corrupt.safetensors");
            var architecture = new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 1 };
            using (var seeded = new FastStyleModel(TransformerNet.Initialize(architecture, 5), new FastStyleModelInfo { Architecture = architecture, StyleName = "seeded", TrainingSize = 64 }))
            {
                seeded.Save(model);
            }

            using (var file = new FileStream(model, FileMode.Open))
            {
                file.SetLength(file.Length / 2);
            }

            using var factory = new ServiceFactory(("NeuralStyle:ModelPath", model));
            string refused = factory.StartFailure();
            Assert.True(refused.Contains($"NeuralStyle:ModelPath '{model}' could not be loaded on device 'cpu', so the service does not start", StringComparison.Ordinal), refused);
            Assert.True(refused.Contains(nameof(NeuralStyle.Features.InvalidWeightsException), StringComparison.Ordinal), refused);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_bad_upload_limit_is_refused_at_start_up_by_name(bool kestrel)
    {
        // Kestrel's options are built before the start-up validation: they must not fail first, namelessly.
        using var factory = new ServiceFactory(("Upload:MaxBytes", "-1"));
        string refused = factory.StartFailure(kestrel);
        Assert.True(refused.Contains($"Upload:MaxBytes must be positive and at most {Array.MaxLength} (got -1)", StringComparison.Ordinal), refused);
    }

    [Fact]
    public async Task Oversize_uploads_are_refused_before_decoding()
    {
        using var factory = new ServiceFactory(("Upload:MaxBytes", "20000"), ("NeuralStyle:ImageLimits:MaxPixels", "1000000"));
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

    [Theory]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    [InlineData("8")]
    public async Task A_bad_size_is_400_naming_the_value_and_the_range(string size)
    {
        using var factory = new ServiceFactory();
        HttpResponseMessage answer = await factory.CreateClient().PostAsync($"/stylize?size={Uri.EscapeDataString(size)}", Png(80, 60));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Microsoft.AspNetCore.Mvc.ProblemDetails problem = (await answer.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!;
        Assert.Equal($"size must be a whole number of pixels from 16 to 2048 (got '{size}'); leave it out for the service's default.", problem.Detail);
        Assert.Equal(0, factory.Services.GetRequiredService<IStylizationQueue>().Pending);
    }

    [Fact]
    public async Task A_webp_declaring_a_2_GB_metadata_chunk_is_400_with_the_reason_and_the_service_keeps_answering()
    {
        using var factory = new ServiceFactory();
        HttpClient client = factory.CreateClient();
        HttpResponseMessage answer = await client.PostAsync("/stylize", new ByteArrayContent(HostileImages.WebpWithMetadataBomb("ICCP", 0x7FFF_FF00)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("its 'ICCP' chunk declares 2147483392 bytes but only 0 follow", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Upload_formats_from_configuration_narrow_the_defaults_and_an_unknown_one_stops_the_start()
    {
        using var narrowed = new ServiceFactory(("Upload:Formats:0", "PNG"));
        HttpClient client = narrowed.CreateClient();
        using var jpeg = new MemoryStream();
        using (Image<Rgb24> photo = TestImages.Photo(48, 40))
        {
            photo.SaveAsJpeg(jpeg);
        }

        HttpResponseMessage answer = await client.PostAsync("/stylize", new ByteArrayContent(jpeg.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Contains("JPEG images are not accepted: send one of PNG.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        string page = await client.GetStringAsync("/");
        Assert.Contains("accept=\"image/png\"", page, StringComparison.Ordinal);

        using var unknown = new ServiceFactory(("Upload:Formats:0", "GIFF"), ("Upload:MaxPixels", "16000000"));
        string refused = unknown.StartFailure();
        Assert.True(refused.Contains("Upload:Formats names 'GIFF', which is no format this service reads", StringComparison.Ordinal), refused);
        Assert.True(refused.Contains("Upload:MaxPixels (16000000) is no longer read: set NeuralStyle:ImageLimits:MaxPixels instead", StringComparison.Ordinal), refused);
    }

    [Fact]
    public async Task The_page_answers_a_post_that_is_no_form_with_415_and_a_form_over_the_limit_with_413()
    {
        using var service = new ServiceFactory(("Upload:MaxBytes", "20000"));
        service.UseKestrel(0);
        HttpClient client = service.CreateClient();

        HttpResponseMessage notAForm = await client.PostAsync("/", new ByteArrayContent(new byte[] { 1, 2, 3 }) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
        Assert.Contains("Send the form from the page", await notAForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[100_000]), "photo", "big.png" } };
        HttpResponseMessage tooLarge = await client.PostAsync("/", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("larger than the limit of 20000 bytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_without_an_error_log()
    {
        var logs = new LogRecorder();
        using var service = new ServiceFactory(("Upload:MaxBytes", "20000"));
        WebApplicationFactory<Program> factory = service.WithWebHostBuilder(web => web.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        factory.UseKestrel(0);
        HttpClient client = factory.CreateClient();

        // Sent without a Content-Length; the host answers 413 from the length it learns, or from the capped read.
        HttpResponseMessage answer = await client.PostAsync("/stylize", new ChunkedContent(new byte[100_000]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Contains("the limit is 20000", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_408_and_one_log_line()
    {
        var logs = new LogRecorder();
        using var service = new ServiceFactory();
        WebApplicationFactory<Program> factory = service.WithWebHostBuilder(web => web.ConfigureServices(s => s
            .AddSingleton<ILoggerProvider>(logs)
            .AddTransient<IStartupFilter, TimingOutBody>()));

        HttpResponseMessage answer = await factory.CreateClient().PostAsync("/stylize", Png(80, 60));
        Assert.Equal(HttpStatusCode.RequestTimeout, answer.StatusCode);
        Assert.Contains("too slowly", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
        LogRecorder.Entry refused = Assert.Single(logs.Entries, e => e.Category == typeof(StylizeEndpoints).FullName);
        Assert.Equal(LogLevel.Information, refused.Level);
        Assert.Contains("408", refused.Message, StringComparison.Ordinal);
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
            Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        }

        // A JPEG cut short is told at once, with the reason.
        using var jpeg = new MemoryStream();
        using (Image<Rgb24> photo = TestImages.Photo(80, 60))
        {
            photo.SaveAsJpeg(jpeg);
        }

        HttpResponseMessage cut = await client.PostAsync("/stylize", new ByteArrayContent(jpeg.ToArray()[..(int)(jpeg.Length / 2)]));
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("the JPEG end-of-image marker is missing", await cut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
    public async Task Head_on_a_job_answers_like_get_without_a_body()
    {
        using var factory = new ServiceFactory();
        factory.UseKestrel(0);
        HttpClient client = factory.CreateClient();
        HttpResponseMessage posted = await client.PostAsync("/stylize?size=64", Png(80, 60));
        string id = (await posted.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!.Id;
        foreach ((string path, HttpStatusCode status) in new[] { ($"/jobs/{id}", HttpStatusCode.OK), ("/jobs/AAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound) })
        {
            HttpResponseMessage get = await client.GetAsync(path);
            HttpResponseMessage head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal((status, status), (get.StatusCode, head.StatusCode));
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Shutdown_during_a_job_cancels_it_promptly()
    {
        // Small tiles over 3 megapixels: seconds of work, so the job is still running when the host stops, however slow the machine.
        var factory = new ServiceFactory(("NeuralStyle:Stylize:TileSize", "64"), ("NeuralStyle:Stylize:TileOverlap", "8"));
        HttpClient client = factory.CreateClient();
        HttpResponseMessage first = await client.PostAsync("/stylize", Png(2048, 1536));
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

    /// <summary>A body sent chunked (no Content-Length).</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Every request body fails to read as Kestrel's fails when MinRequestBodyDataRate is not met.</summary>
    private sealed class TimingOutBody : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Request.Body = new TimingOutStream();
                return then(context);
            });
            next(app);
        };

        private sealed class TimingOutStream : MemoryStream
        {
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                ValueTask.FromException<int>(new BadHttpRequestException(
                    "Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", StatusCodes.Status408RequestTimeout));
        }
    }
}
