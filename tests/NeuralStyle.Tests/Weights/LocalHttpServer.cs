using System.Net;
using System.Net.Sockets;

namespace NeuralStyle.Tests.Weights;

/// <summary>
/// A one-file HTTP server on 127.0.0.1 for download tests: honours <c>Range</c> requests, and can
/// break off a response half-way or answer an error, to exercise every failure path without the internet.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopped = new();

    public LocalHttpServer(byte[] content)
    {
        _content = content;
        int port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public Uri FileUrl => new(BaseAddress, "models/weights.bin");

    /// <summary>When set, the next response stops after this many body bytes and the connection is dropped.</summary>
    public int? BreakOffAfter { get; set; }

    /// <summary>When set, the next response sends this many body bytes and then goes silent, the connection open, until the server is disposed.</summary>
    public int? StallAfter { get; set; }

    /// <summary>When set, every request is answered with this status.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>When false, Range headers are ignored (a full 200 response every time).</summary>
    public bool SupportsRanges { get; set; } = true;

    /// <summary>The Range header of each request ("" when absent).</summary>
    public List<string> RangeHeaders { get; } = [];

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stopped.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        string range = context.Request.Headers["Range"] ?? string.Empty;
        lock (RangeHeaders)
        {
            RangeHeaders.Add(range);
        }

        if (FailWith is HttpStatusCode status)
        {
            response.StatusCode = (int)status;
            response.Close();
            return;
        }

        long start = 0;
        if (SupportsRanges && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (start >= _content.Length)
            {
                response.StatusCode = 416;
                response.Close();
                return;
            }

            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{_content.Length - 1}/{_content.Length}";
        }

        response.ContentLength64 = _content.Length - start;
        int? breakOff = BreakOffAfter;
        BreakOffAfter = null;
        if (StallAfter is int stall)
        {
            StallAfter = null;
            await response.OutputStream.WriteAsync(_content.AsMemory((int)start, stall));
            await response.OutputStream.FlushAsync();
            _ = Task.Delay(Timeout.Infinite, _stopped.Token).ContinueWith(_ => response.Abort(), TaskScheduler.Default);
            return;
        }

        try
        {
            int count = breakOff is int limit ? Math.Min(limit, _content.Length - (int)start) : _content.Length - (int)start;
            await response.OutputStream.WriteAsync(_content.AsMemory((int)start, count));
            if (breakOff is not null)
            {
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }

            response.Close();
        }
        catch (HttpListenerException)
        {
            response.Abort();
        }
    }
}
