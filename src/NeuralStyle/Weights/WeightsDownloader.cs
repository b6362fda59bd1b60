using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Diagnostics;

namespace NeuralStyle.Weights;

/// <summary>
/// Downloads weights files into a <see cref="WeightsCache"/>: streamed to a <c>.partial</c> file
/// with progress, resumed with an HTTP range request when a partial file exists, verified by
/// SHA-256, and only then renamed to its final name, so the cache never holds a file that was not
/// verified. A second download of the same file at the same time is refused, not interleaved.
/// </summary>
public sealed class WeightsDownloader
{
    private const int BufferSize = 1 << 20;
    private const long ProgressStepBytes = 4L << 20;

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(2) });

    private readonly HttpClient _http;
    private readonly ILogger _logger;

    /// <summary>Creates a downloader.</summary>
    /// <param name="httpClient">The client to use (default: one shared client).</param>
    /// <param name="logger">Diagnostics (default: none).</param>
    public WeightsDownloader(HttpClient? httpClient = null, ILogger? logger = null)
    {
        _http = httpClient ?? SharedClient.Value;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Returns the cached path of <paramref name="file"/>, downloading (or finishing a partial
    /// download of) it first when it is not cached yet.
    /// </summary>
    /// <exception cref="WeightsDownloadException">The server could not be reached or answered an error, the transfer
    /// broke off (the partial file is kept; call again to resume), or the SHA-256 did not match (the file is deleted).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the partial file is kept).</exception>
    public async Task<string> DownloadAsync(
        WeightsFile file, WeightsCache cache, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(cache);
        string target = cache.PathOf(file);
        if (File.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(cache.Directory);

        // Held from before the partial file is opened until the verified file is in place: a second
        // process never opens the partial file between this one's hash and its rename.
        FileStream gate;
        try
        {
            gate = new FileStream(target + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new WeightsDownloadException($"Cannot lock '{target}.lock': {e.Message} Is another download of {file.FileName} running?", e);
        }

        using (gate)
        {
            return File.Exists(target) ? target : await DownloadLockedAsync(file, target, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> DownloadLockedAsync(WeightsFile file, string target, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string partial = target + ".partial";
        FileStream stream;
        try
        {
            stream = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync: true);
        }
        catch (IOException e)
        {
            throw new WeightsDownloadException($"Cannot write '{partial}': {e.Message} Is another download of {file.FileName} running?", e);
        }

        bool verified = false, corrupt = false;
        try
        {
            await TransferAsync(file, target, stream, progress, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            string actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (!file.Matches(actual))
            {
                corrupt = true;
                throw new WeightsDownloadException(
                    $"The download of {file.Url} has SHA-256 {actual}, but {file.FileName} must start with {file.Sha256}: the file is corrupt or was replaced. "
                    + "It was deleted; run the download again, and if it keeps failing, check the address or your proxy.");
            }

            verified = true;
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (!verified && File.Exists(partial) && (corrupt || new FileInfo(partial).Length == 0))
            {
                File.Delete(partial);
            }
        }

        File.Move(partial, target, overwrite: true);
        Log.WeightsDownloaded(_logger, file.FileName, target);
        return target;
    }

    private async Task TransferAsync(WeightsFile file, string target, FileStream stream, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long existing = stream.Length;
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new WeightsDownloadException(
                $"Could not reach {file.Url} ({e.Message}). If this machine is offline, download that file elsewhere and copy it to "
                + $"'{target}', or pass the weights file's path directly.", e);
        }

        using (response)
        {
            if (existing > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return; // The partial file is already complete; the hash check decides.
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WeightsDownloadException(
                    $"{file.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}. Try again later, or download the file yourself to '{target}'.");
            }

            bool resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == existing;
            if (!resumed)
            {
                stream.SetLength(0);
            }

            stream.Seek(0, SeekOrigin.End);
            long? total = response.Content.Headers.ContentLength is long length ? stream.Position + length : null;
            Log.WeightsDownloading(_logger, file.Url, stream.Position);
            await CopyAsync(response, stream, total, resumed, _http.Timeout, progress, cancellationToken).ConfigureAwait(false);
            if (total is long expected && stream.Length != expected)
            {
                throw Interrupted(file.Url, stream, null);
            }
        }
    }

    /// <summary>
    /// Copies the body to <paramref name="stream"/>. <see cref="HttpClient.Timeout"/> stops applying once
    /// the headers are in (dotnet/runtime#36822), so it bounds each wait for more of the body here: a
    /// server that goes silent with the connection open breaks the transfer off instead of hanging it.
    /// </summary>
    private static async Task CopyAsync(
        HttpResponseMessage response, FileStream stream, long? total, bool resumed, TimeSpan idle, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[BufferSize];
        long nextReport = 0;
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while (true)
            {
                silence.CancelAfter(idle);
                read = await body.ReadAsync(buffer, silence.Token).ConfigureAwait(false);
                silence.CancelAfter(Timeout.InfiniteTimeSpan); // writing to disk is not the server's silence
                if (read == 0)
                {
                    break;
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (stream.Position >= nextReport)
                {
                    progress?.Report(new DownloadProgress(stream.Position, total, resumed));
                    nextReport = stream.Position + ProgressStepBytes;
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException
            || (e is OperationCanceledException && silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            throw Interrupted(response.RequestMessage?.RequestUri, stream, e is OperationCanceledException ? new TimeoutException($"No data arrived for {idle.TotalSeconds:0.#} s.", e) : e);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new DownloadProgress(stream.Position, total, resumed));
    }

    private static WeightsDownloadException Interrupted(Uri? url, FileStream stream, Exception? cause)
    {
        string message = $"The download of {url} broke off after {stream.Length} bytes. The partial file '{stream.Name}' was kept: run the download again to resume it.";
        return cause is null ? new WeightsDownloadException(message) : new WeightsDownloadException(message, cause);
    }
}
