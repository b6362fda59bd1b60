using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace NeuralStyle.WebService;

/// <summary>The HTTP endpoints: every check that can be made before decoding is made here, the rest by the service's workers.</summary>
public static class StylizeEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/stylize", SubmitAsync);
        app.MapGet("/jobs/{id}", (string id, IStylizationQueue queue) =>
            queue.Find(id) is StylizationJob job
                ? Results.Ok(new JobView(job.Id, job.State.ToString().ToLowerInvariant(), job.Progress, job.Error))
                : Unknown());
        app.MapGet("/jobs/{id}/result", (string id, IStylizationQueue queue) => queue.Find(id) switch
        {
            null => Unknown(),
            { State: StylizationState.Succeeded } job => Results.File(job.Result.ToArray(), job.ResultContentType),
            StylizationJob job => Results.Problem(
                $"Job {job.Id} is {job.State.ToString().ToLowerInvariant()}{(job.Error is null ? string.Empty : ": " + job.Error)}; its result exists once it has succeeded.",
                statusCode: StatusCodes.Status409Conflict),
        });
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IStylizationQueue queue, IOptions<UploadLimits> options, int? size, CancellationToken cancellationToken)
    {
        UploadLimits limits = options.Value;
        if (request.ContentLength > limits.MaxBytes)
        {
            return TooLarge($"The upload is {request.ContentLength} bytes; the limit is {limits.MaxBytes}.");
        }

        if (size is int side && (side < 16 || side > limits.MaxSize))
        {
            return Results.Problem($"size must be between 16 and {limits.MaxSize} px (got {side}).", statusCode: StatusCodes.Status400BadRequest);
        }

        byte[]? upload = await ReadCappedAsync(request.Body, limits.MaxBytes, cancellationToken);
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

        if (!queue.TryEnqueue(new StylizationRequest(upload) { Size = size }, out StylizationJob? job))
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

    /// <summary>A job as the API shows it.</summary>
    public sealed record JobView(string Id, string State, double Progress, string? Error);
}
