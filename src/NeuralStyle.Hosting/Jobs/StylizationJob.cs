using System.Security.Cryptography;

namespace NeuralStyle.Hosting.Jobs;

/// <summary>
/// One queued request and what became of it. Its <see cref="Id"/> is 128 random bits (base64url),
/// unguessable, and only ever a dictionary key, never a file name. Thread-safe to read while a worker updates it.
/// </summary>
public sealed class StylizationJob
{
    private readonly Lock _gate = new();
    private StylizationState _state = StylizationState.Queued;
    private double _progress;
    private string? _error;
    private ReadOnlyMemory<byte> _result;
    private DateTimeOffset? _finished;

    internal StylizationJob(StylizationRequest request, DateTimeOffset created)
    {
        Request = request;
        Created = created;
        Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The length of every <see cref="Id"/> (22 base64url characters).</summary>
    public const int IdLength = 22;

    /// <summary>The job's id: 22 base64url characters.</summary>
    public string Id { get; }

    /// <summary>When it was queued.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>When it ended (succeeded, failed or cancelled); null before.</summary>
    public DateTimeOffset? Finished
    {
        get
        {
            lock (_gate)
            {
                return _finished;
            }
        }
    }

    /// <summary>Its state.</summary>
    public StylizationState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// How far it is, 0 to 1: 0 while queued, then the stylizer's own fraction while it runs (a
    /// transfer's evaluations; a fast model's pass reports only its end), 1 once the result is encoded.
    /// </summary>
    public double Progress
    {
        get
        {
            lock (_gate)
            {
                return _progress;
            }
        }
    }

    /// <summary>Why it failed; null otherwise.</summary>
    public string? Error
    {
        get
        {
            lock (_gate)
            {
                return _error;
            }
        }
    }

    /// <summary>The encoded result once <see cref="State"/> is <see cref="StylizationState.Succeeded"/>; empty before.</summary>
    public ReadOnlyMemory<byte> Result
    {
        get
        {
            lock (_gate)
            {
                return _result;
            }
        }
    }

    /// <summary>The result's media type (from <see cref="StylizationRequest.Format"/>).</summary>
    public string ResultContentType => Request.Format.ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        _ => "image/png",
    };

    /// <summary>Whether it has ended.</summary>
    public bool IsFinished => State is StylizationState.Succeeded or StylizationState.Failed or StylizationState.Cancelled;

    /// <summary>The style the request named (null: the service's default).</summary>
    public string? Style => Request.Style;

    /// <summary>How it is stylised: a fast model's pass or a transfer.</summary>
    public StylizationMethod Method => Request.Method;

    /// <summary>The result's format: <c>.png</c>, <c>.jpg</c> or <c>.webp</c>.</summary>
    public string Format => Request.Format;

    internal StylizationRequest Request { get; private set; }

    internal void Advance(StylizationState state, double progress)
    {
        lock (_gate)
        {
            _state = state;
            _progress = progress;
        }
    }

    internal void End(StylizationState state, DateTimeOffset finished, string? error = null, ReadOnlyMemory<byte> result = default)
    {
        lock (_gate)
        {
            if (_state is StylizationState.Succeeded or StylizationState.Failed or StylizationState.Cancelled)
            {
                return;
            }

            _state = state;
            _error = error;
            _result = result;
            _progress = state == StylizationState.Succeeded ? 1 : _progress;
            _finished = finished;
            Request = Request with { Image = ReadOnlyMemory<byte>.Empty };
        }
    }
}
