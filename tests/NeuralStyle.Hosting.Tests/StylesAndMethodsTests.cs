using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using NeuralStyle.WebService;
using SixLabors.ImageSharp;

namespace NeuralStyle.Hosting.Tests;

/// <summary>Every stylisation the service offers: any built-in style or named model by request, and the transfer ("paint") in its own queue.</summary>
[Collection(ServiceFactory.Collection)]
public sealed class StylesAndMethodsTests
{
    private static async Task<(HttpStatusCode Status, StylizeEndpoints.JobView? Job, string Body)> PostAsync(HttpClient client, string query)
    {
        HttpResponseMessage posted = await client.PostAsync("/stylize" + query, WebServiceTests.Png(80, 60));
        string body = await posted.Content.ReadAsStringAsync();
        return (posted.StatusCode, posted.StatusCode == HttpStatusCode.Accepted ? System.Text.Json.JsonSerializer.Deserialize<StylizeEndpoints.JobView>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) : null, body);
    }

    [Fact]
    public async Task A_request_names_a_built_in_style_or_a_configured_model()
    {
        using var factory = new ServiceFactory();
        string mine = factory.ModelPath;
        using var named = new ServiceFactory(("NeuralStyle:Models:mine", mine));
        HttpClient client = named.CreateClient();
        foreach (string style in new[] { "the-scream", "mine", "Shipwreck" })
        {
            (HttpStatusCode status, StylizeEndpoints.JobView? job, string body) = await PostAsync(client, $"?style={style}&size=48");
            Assert.True(status == HttpStatusCode.Accepted, body);
            Assert.Equal("succeeded", (await WebServiceTests.WaitAsync(client, job!.Id, v => v.State is "succeeded" or "failed")).State);
        }
    }

    [Theory]
    [InlineData("?style=mona-lisa", "Unknown style 'mona-lisa': give one of starry-night, the-scream, shipwreck")]
    [InlineData("?method=oil", "method must be fast or paint (got 'oil')")]
    [InlineData("?method=1", "method must be fast or paint (got '1')")]
    [InlineData("?method=paint&style=mine", "Painting needs a built-in style's painting")]
    [InlineData("?method=paint&style=shipwreck&size=2000", "A painting's size must be from 64 to 768 px (got 2000)")]
    public async Task A_request_the_service_cannot_run_is_400_with_what_to_give(string query, string expected)
    {
        using var factory = new ServiceFactory();
        using var named = new ServiceFactory(("NeuralStyle:Models:mine", factory.ModelPath));
        (HttpStatusCode status, _, string body) = await PostAsync(named.CreateClient(), query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body)!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paint_runs_a_transfer_of_the_styles_painting_with_progress()
    {
        using var factory = new ServiceFactory(("NeuralStyle:Paint:Evaluations", "30"));
        HttpClient client = factory.CreateClient();
        (HttpStatusCode status, StylizeEndpoints.JobView? job, string body) = await PostAsync(client, "?method=paint&style=starry-night&size=64");
        Assert.True(status == HttpStatusCode.Accepted, body);
        var seen = new List<double>();
        StylizeEndpoints.JobView done = await WebServiceTests.WaitAsync(client, job!.Id, v =>
        {
            seen.Add(v.Progress);
            return v.State is "succeeded" or "failed";
        });
        Assert.True(done.State == "succeeded", done.Error);
        Assert.Contains(seen, p => p is > 0 and < 1);
        using Image image = Image.Load(await client.GetByteArrayAsync($"/jobs/{job.Id}/result"));
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public void Models_and_paint_settings_are_checked_at_start_up_by_name()
    {
        using var builtIn = new ServiceFactory(("NeuralStyle:Models:shipwreck", "/no/such.safetensors"), ("NeuralStyle:Paint:Size", "900"));
        string refused = builtIn.StartFailure();
        Assert.True(refused.Contains("NeuralStyle:Models:shipwreck has a built-in style's name", StringComparison.Ordinal), refused);
        Assert.True(refused.Contains("NeuralStyle:Paint:Size (900) must be from 64 to Paint:MaxSize (768)", StringComparison.Ordinal), refused);
    }
}
