using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Benchmarks.Batch;

/// <summary>
/// A bounded loopback load test of the sample web service (benchmarks/service-load.sh starts it):
/// REQUESTS uploads of one mate-backgrounds photo (512 px JPEG) asking for 256 px, CONCURRENCY
/// clients each submitting, polling and fetching the result; requests/s, p50/p99 latency (submit to
/// result), 503s, and the server's resident memory every 10 % of the run.
/// </summary>
internal static class ServiceLoad
{
    public static void Run(string[] args)
    {
        var url = new Uri(args[0]);
        int requests = int.Parse(args[1], CultureInfo.InvariantCulture);
        int concurrency = int.Parse(args[2], CultureInfo.InvariantCulture);
        int serverPid = int.Parse(args[3], CultureInfo.InvariantCulture);
        byte[] upload = Upload(args[4]);
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new List<double>();
        var memory = new List<(int Done, double Megabytes)> { (0, Rss(serverPid)) };
        int next = -1, refused = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        Task[] clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                var one = Stopwatch.StartNew();
                while (true)
                {
                    using var content = new ByteArrayContent(upload);
                    using HttpResponseMessage posted = await client.PostAsync(new Uri("/stylize?size=256", UriKind.Relative), content);
                    if (posted.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(50);
                        continue;
                    }

                    posted.EnsureSuccessStatusCode();
                    string id = (await posted.Content.ReadFromJsonAsync<JobView>())!.Id;
                    JobView view;
                    do
                    {
                        await Task.Delay(5);
                        view = (await client.GetFromJsonAsync<JobView>(new Uri($"/jobs/{id}", UriKind.Relative)))!;
                    }
                    while (view.State is "queued" or "running");
                    if (view.State != "succeeded")
                    {
                        Interlocked.Increment(ref failed);
                        break;
                    }

                    byte[] result = await client.GetByteArrayAsync(new Uri($"/jobs/{id}/result", UriKind.Relative));
                    if (result.Length < 1000)
                    {
                        Interlocked.Increment(ref failed);
                    }

                    break;
                }

                lock (latencies)
                {
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                    if (latencies.Count % Math.Max(1, requests / 10) == 0)
                    {
                        memory.Add((latencies.Count, Rss(serverPid)));
                    }
                }
            }
        })).ToArray();
        Task.WaitAll(clients);
        double seconds = clock.Elapsed.TotalSeconds;
        double[] sorted = latencies.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{requests} requests, {concurrency} clients, 256 px: {requests / seconds:F2} req/s over {seconds:F1} s; latency p50 {Percentile(sorted, 0.5):F0} ms, p99 {Percentile(sorted, 0.99):F0} ms; 503 answers {refused}; failed {failed}"));
        Console.WriteLine("server RSS (requests done: MB): " + string.Join(", ", memory.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Done}: {m.Megabytes:F0}"))));
    }

    private static byte[] Upload(string photo)
    {
        using Image image = Image.Load(photo);
        image.Mutate(c => c.Resize(new ResizeOptions { Size = new Size(512, 512), Mode = ResizeMode.Max }));
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Rss(int pid) =>
        double.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

    private sealed record JobView(string Id, string State, double Progress, string? Error);
}
