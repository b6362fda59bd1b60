using System.Net;
using System.Security.Cryptography;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Weights;

namespace NeuralStyle.Tests.Weights;

/// <summary>Downloads against a local HTTP server: good file, wrong hash, broken-off transfer and resume, server errors, no server.</summary>
public sealed class WeightsDownloaderTests : IDisposable
{
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 123);
    private readonly LocalHttpServer _server;
    private readonly WeightsCache _cache = new(Directory.CreateTempSubdirectory("neuralstyle-cache-").FullName);
    private readonly WeightsDownloader _downloader = new();

    public WeightsDownloaderTests() => _server = new LocalHttpServer(_content);

    private string Hash => Convert.ToHexStringLower(SHA256.HashData(_content));

    [Theory]
    [InlineData(64)]
    [InlineData(8)]
    public async Task AGoodFileIsVerifiedAndLandsUnderItsName(int hashDigits)
    {
        var file = new WeightsFile("net-1234.bin", _server.FileUrl, Hash[..hashDigits]);
        var reports = new List<DownloadProgress>();

        string path = await _downloader.DownloadAsync(file, _cache, new SynchronousProgress<DownloadProgress>(reports.Add));

        Assert.Equal(Path.Combine(_cache.Directory, "net-1234.bin"), path);
        Assert.Equal(_content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + ".partial"));
        Assert.Equal(_content.Length, reports[^1].BytesReceived);
        Assert.Equal(_content.Length, reports[^1].TotalBytes);
        Assert.Equal(path, _cache.TryGet(file));

        _server.FailWith = HttpStatusCode.InternalServerError;
        Assert.Equal(path, await _downloader.DownloadAsync(file, _cache));
        Assert.Single(_server.RangeHeaders);
    }

    [Fact]
    public async Task AWrongHashDeletesTheFileAndSaysSo()
    {
        var file = new WeightsFile("net-0000.bin", _server.FileUrl, "00000000" + Hash[8..]);
        var error = await Assert.ThrowsAsync<WeightsDownloadException>(() => _downloader.DownloadAsync(file, _cache));
        Assert.Contains(Hash, error.Message, StringComparison.Ordinal);
        Assert.Contains("must start with 00000000", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_cache.Directory));
    }

    [Fact]
    public async Task ABrokenOffTransferKeepsThePartialFileAndTheNextCallResumesIt()
    {
        var file = new WeightsFile("net.bin", _server.FileUrl, Hash);
        _server.BreakOffAfter = 1_000_000;

        var error = await Assert.ThrowsAsync<WeightsDownloadException>(() => _downloader.DownloadAsync(file, _cache));
        Assert.Contains("run the download again to resume", error.Message, StringComparison.Ordinal);
        string partial = _cache.PathOf(file) + ".partial";
        long kept = new FileInfo(partial).Length;
        Assert.InRange(kept, 1, _content.Length - 1);
        Assert.Null(_cache.TryGet(file));

        var reports = new List<DownloadProgress>();
        string path = await _downloader.DownloadAsync(file, _cache, new SynchronousProgress<DownloadProgress>(reports.Add));

        Assert.Equal(["", $"bytes={kept}-"], _server.RangeHeaders);
        Assert.True(reports.All(r => r.Resumed));
        Assert.Equal(_content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task AServerThatGoesSilentBreaksTheTransferOffAfterTheClientsTimeoutAndKeepsThePartialFile()
    {
        var file = new WeightsFile("net.bin", _server.FileUrl, Hash);
        _server.StallAfter = 500_000;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<WeightsDownloadException>(() => new WeightsDownloader(client).DownloadAsync(file, _cache).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("broke off after 500000 bytes", error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(500_000, new FileInfo(_cache.PathOf(file) + ".partial").Length);
    }

    [Fact]
    public async Task A_second_download_of_the_same_file_while_one_runs_is_refused_and_the_file_is_whole_after()
    {
        var file = new WeightsFile("net.bin", _server.FileUrl, Hash);
        _server.StallAfter = 500_000;
        using var cancel = new CancellationTokenSource();
        Task<string> first = _downloader.DownloadAsync(file, _cache, cancellationToken: cancel.Token);

        // Once the server has the first request, the first download holds its lock.
        for (int i = 0; i < 200 && _server.RangeHeaders.Count == 0; i++)
        {
            await Task.Delay(50);
        }

        var refused = await Assert.ThrowsAsync<WeightsDownloadException>(() => _downloader.DownloadAsync(file, _cache));
        Assert.Contains("Is another download of net.bin running?", refused.Message, StringComparison.Ordinal);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        string path = await _downloader.DownloadAsync(file, _cache);
        Assert.Equal(_content, await File.ReadAllBytesAsync(path));
        Assert.Equal([path], Directory.GetFiles(_cache.Directory));
    }

    [Fact]
    public async Task AServerWithoutRangesRestartsFromTheBeginning()
    {
        var file = new WeightsFile("net.bin", _server.FileUrl, Hash);
        Directory.CreateDirectory(_cache.Directory);
        await File.WriteAllBytesAsync(_cache.PathOf(file) + ".partial", _content.AsSpan(0, 5000).ToArray().Select(b => (byte)~b).ToArray());
        _server.SupportsRanges = false;

        string path = await _downloader.DownloadAsync(file, _cache);

        Assert.Equal(_content, await File.ReadAllBytesAsync(path));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "500")]
    [InlineData(HttpStatusCode.NotFound, "404")]
    public async Task ServerErrorsNameTheStatusAndLeaveNothingBehind(HttpStatusCode status, string expected)
    {
        _server.FailWith = status;
        var file = new WeightsFile("net.bin", _server.FileUrl, Hash);
        var error = await Assert.ThrowsAsync<WeightsDownloadException>(() => _downloader.DownloadAsync(file, _cache));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(_cache.PathOf(file), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_cache.Directory));
    }

    [Fact]
    public async Task NoServerMeansAnOfflineMessageWithWhereToPutTheFile()
    {
        var file = new WeightsFile("net.bin", new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/x.bin"), Hash);
        var error = await Assert.ThrowsAsync<WeightsDownloadException>(() => _downloader.DownloadAsync(file, _cache));
        Assert.Contains("offline", error.Message, StringComparison.Ordinal);
        Assert.Contains(_cache.PathOf(file), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationKeepsThePartialFileForLater()
    {
        var file = new WeightsFile("net.bin", _server.FileUrl, Hash);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<DownloadProgress>(p =>
        {
            if (p.BytesReceived > 0)
            {
                cancellation.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _downloader.DownloadAsync(file, _cache, progress, cancellation.Token));
        Assert.Null(_cache.TryGet(file));
        Assert.Equal(_content, await File.ReadAllBytesAsync(await _downloader.DownloadAsync(file, _cache)));
    }

    [Theory]
    [InlineData("../evil.bin", "abcdef12")]
    [InlineData("ok.bin", "xyz")]
    [InlineData("ok.bin", "abc")]
    public void BadDescriptionsAreRefused(string name, string hash) =>
        Assert.Throws<ArgumentException>(() => new WeightsFile(name, new Uri("http://127.0.0.1/x"), hash));

    [Fact]
    public void TheCacheDirectoryFollowsTheOverrideVariable()
    {
        string? before = Environment.GetEnvironmentVariable(WeightsCache.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(WeightsCache.EnvironmentVariable, _cache.Directory);
            Assert.Equal(_cache.Directory, new WeightsCache().Directory);
            Environment.SetEnvironmentVariable(WeightsCache.EnvironmentVariable, null);
            Assert.EndsWith("neuralstyle", new WeightsCache().Directory, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WeightsCache.EnvironmentVariable, before);
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_cache.Directory, recursive: true);
    }

}
