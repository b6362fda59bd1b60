using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace NeuralStyle.WebService;

/// <summary>The HTTP endpoints: every check that can be made before decoding is made here, the rest by the service's workers.</summary>
public static partial class StylizeEndpoints
{
    // HEAD answers like GET (status and headers) without the body: the server drops it.
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(WebApplication app)
    {
        app.MapPost("/stylize", SubmitAsync);
        app.MapMethods("/jobs/{id}", GetOrHead, (string id, IStylizationQueue queue) =>
            queue.Find(id) is StylizationJob job
                ? Results.Ok(new JobView(job.Id, job.State.ToString().ToLowerInvariant(), job.Progress, job.Error))
                : Unknown());
        app.MapMethods("/jobs/{id}/result", GetOrHead, (string id, IStylizationQueue queue) => queue.Find(id) switch
        {
            null => Unknown(),
            { State: StylizationState.Succeeded } job => Results.File(job.Result.ToArray(), job.ResultContentType),
            StylizationJob job => Results.Problem(
                $"Job {job.Id} is {job.State.ToString().ToLowerInvariant()}{(job.Error is null ? string.Empty : ": " + job.Error)}; its result exists once it has succeeded.",
                statusCode: StatusCodes.Status409Conflict),
        });
    }

    // size is bound as text and parsed here: a bound int? answers "abc" or "1e3" with a bare 400.
    private static async Task<IResult> SubmitAsync(HttpRequest request, IStylizationQueue queue, IOptions<UploadLimits> options, string? size, CancellationToken cancellationToken)
    {
        UploadLimits limits = options.Value;
        if (request.ContentLength > limits.MaxBytes)
        {
            return TooLarge($"The upload is {request.ContentLength} bytes; the limit is {limits.MaxBytes}.");
        }

        int? side = null;
        if (!string.IsNullOrEmpty(size))
        {
            if (!int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsed) || parsed < 16 || parsed > limits.MaxSize)
            {
                return Results.Problem($"size must be a whole number of pixels from 16 to {limits.MaxSize} (got '{size}'); leave it out for the service's default.", statusCode: StatusCodes.Status400BadRequest);
            }

            side = parsed;
        }

        byte[]? upload;
        try
        {
            upload = await ReadCappedAsync(request.Body, limits.MaxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits on the body (MaxRequestBodySize: 413, MinRequestBodyDataRate: 408) are the
            // client's doing: one line in the log and a problem answer, not an unhandled exception's stack trace.
            UploadRefused(request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StylizeEndpoints)), e.StatusCode, e.Message);
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge($"The upload is larger than the limit of {limits.MaxBytes} bytes.")
                : Results.Problem(e.Message, statusCode: e.StatusCode);
        }

        if (upload is null)
        {
            return TooLarge($"The upload is larger than the limit of {limits.MaxBytes} bytes.");
        }

        // The header only: format and declared size, before a pixel is decoded.
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(upload, out format);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or NotSupportedException)
        {
            info = null;
            format = null;
        }

        if (info is null || format is null)
        {
            return Results.Problem($"The upload is not an image this service reads: send one of {string.Join(", ", limits.Formats)}.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (!limits.Formats.Contains(format.Name, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem($"{format.Name} images are not accepted: send one of {string.Join(", ", limits.Formats)}.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if ((long)info.Width * info.Height > limits.MaxPixels)
        {
            return TooLarge($"The image is {info.Width}x{info.Height} ({(long)info.Width * info.Height} pixels); the limit is {limits.MaxPixels}.");
        }

        if (!queue.TryEnqueue(new StylizationRequest(upload) { Size = side }, out StylizationJob? job))
        {
            request.HttpContext.Response.Headers.RetryAfter = limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem($"The queue is full ({queue.Capacity} jobs waiting): retry in {limits.RetryAfterSeconds} s.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Accepted($"/jobs/{job.Id}", new JobView(job.Id, job.State.ToString().ToLowerInvariant(), job.Progress, job.Error));
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (never buffered beyond it).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Unknown() => Results.Problem("No such job (unknown, or its result has expired).", statusCode: StatusCodes.Status404NotFound);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Upload refused with {StatusCode} while reading it: {Reason}")]
    private static partial void UploadRefused(ILogger logger, int statusCode, string reason);

    /// <summary>A job as the API shows it.</summary>
    public sealed record JobView(string Id, string State, double Progress, string? Error);
}
