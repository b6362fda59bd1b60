using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NeuralStyle.Testing;
using NeuralStyle.WebService;
using Xunit.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Hosting.Tests;

/// <summary>
/// Bounded fuzzing of uploads through the real HTTP pipeline: mutated PNG and JPEG photos (fixed
/// seeds) are answered with a client error or accepted, never a server error; every accepted job
/// ends, failed ones with a message; and the service keeps answering.
/// </summary>
[Collection(ServiceFactory.Collection)]
public sealed class UploadFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 120;

    private static readonly HttpStatusCode[] Answers =
    [
        HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
        HttpStatusCode.UnprocessableEntity, HttpStatusCode.ServiceUnavailable,
    ];

    [Fact]
    public async Task Mutated_uploads_get_client_errors_or_jobs_that_end_and_the_service_keeps_answering()
    {
        using var factory = new ServiceFactory(("NeuralStyle:QueueCapacity", "128"));
        HttpClient client = factory.CreateClient();
        byte[][] seeds = [Encode((image, stream) => image.SaveAsPng(stream)), Encode((image, stream) => image.SaveAsJpeg(stream))];
        var accepted = new List<string>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (int seed = 0; seed < Cases; seed++)
        {
            var content = new ByteArrayContent(new StructuredMutator(30_000 + seed).Mutate(seeds[seed % 2]));
            content.Headers.ContentType = new MediaTypeHeaderValue(seed % 2 == 0 ? "image/png" : "image/jpeg");
            HttpResponseMessage answer = await client.PostAsync("/stylize?size=48", content);
            Assert.True(Answers.Contains(answer.StatusCode), $"seed {seed}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            statuses[answer.StatusCode] = statuses.GetValueOrDefault(answer.StatusCode) + 1;
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add((await answer.Content.ReadFromJsonAsync<StylizeEndpoints.JobView>())!.Id);
            }
            else
            {
                Assert.NotEmpty(await answer.Content.ReadAsStringAsync());
            }
        }

        foreach (string id in accepted)
        {
            StylizeEndpoints.JobView job = await WebServiceTests.WaitAsync(client, id, j => j.State is "succeeded" or "failed" or "cancelled");
            Assert.True(job.State == "succeeded" || !string.IsNullOrWhiteSpace(job.Error), $"job {id}: {job.State} without a message");
        }

        Assert.True(statuses.Values.Sum() == Cases, string.Join(", ", statuses));
        output.WriteLine($"uploads: {string.Join(", ", statuses.Select(s => $"{(int)s.Key} {s.Value}"))}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private static byte[] Encode(Action<Image<Rgb24>, Stream> save)
    {
        using Image<Rgb24> image = TestImages.Photo(64, 48);
        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }
}
