using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace NeuralStyle.WebService;

/// <summary>
/// What every upload goes through before it is queued, from the API or the web page alike: the
/// request's own values (size, style, method), then the image's header (format, pixels) before a
/// pixel is decoded, then the queue of its method (503 when full). Each check answers a
/// <see cref="Refusal"/> that says what was wrong and how to fix it.
/// </summary>
public static class Admission
{
    /// <summary>The request <paramref name="upload"/> asks for, or the problem with it.</summary>
    public static (StylizationRequest? Request, Refusal? Refusal) Check(
        byte[] upload, string? size, string? style, string? method, IStylizationQueue queue, UploadLimits limits, ImageLoader headers)
    {
        if (!TryParseMethod(method, out StylizationMethod kind))
        {
            return (null, BadRequest($"method must be fast or paint (got '{method}')."));
        }

        int? side = null;
        if (!string.IsNullOrEmpty(size))
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < ImageSettings.MinimumSize || parsed > limits.MaxSize)
            {
                return (null, BadRequest($"size must be a whole number of pixels from {ImageSettings.MinimumSize} to {limits.MaxSize} (got '{size}'); leave it out for the service's default."));
            }

            side = parsed;
        }

        if (CheckImage(upload, limits, headers) is Refusal image)
        {
            return (null, image);
        }

        var request = new StylizationRequest(upload) { Size = side, Style = string.IsNullOrEmpty(style) ? null : style, Method = kind };
        return queue.Validate(request) is string problem ? (null, BadRequest(problem)) : (request, null);
    }

    /// <summary>Queues <paramref name="request"/>, or answers 503 with Retry-After when its queue is full.</summary>
    public static (StylizationJob? Job, Refusal? Refusal) Enqueue(StylizationRequest request, IStylizationQueue queue, UploadLimits limits, HttpResponse response)
    {
        if (queue.TryEnqueue(request, out StylizationJob? job))
        {
            return (job, null);
        }

        response.Headers.RetryAfter = limits.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return (null, new Refusal(
            StatusCodes.Status503ServiceUnavailable,
            $"The {request.Method.ToString().ToLowerInvariant()} queue is full ({queue.CapacityOf(request.Method)} jobs waiting): retry in {limits.RetryAfterSeconds} s."));
    }

    /// <summary>413 with <paramref name="detail"/>.</summary>
    public static Refusal TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, detail);

    private static bool TryParseMethod(string? method, out StylizationMethod kind)
    {
        kind = StylizationMethod.Fast;
        return string.IsNullOrEmpty(method)
            || (Enum.TryParse(method, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !method.Any(char.IsDigit));
    }

    /// <summary>
    /// The header only, read by <paramref name="headers"/> (the service's decoding limits: PNG metadata
    /// unread, a WebP chunk larger than the file refused, the decoder's allocations capped): format and
    /// declared size, before a pixel is decoded.
    /// </summary>
    private static Refusal? CheckImage(byte[] upload, UploadLimits limits, ImageLoader headers)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            using var bytes = new MemoryStream(upload, writable: false);
            info = headers.Identify(bytes, out format);
        }
        catch (InvalidImageException damaged)
        {
            // An image, but cut short or with a header that lies (a part larger than the file): the reason helps the sender.
            return new Refusal(StatusCodes.Status400BadRequest, $"{damaged.Message} Send the whole, undamaged file.");
        }

        if (info is null || format is null)
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, $"The upload is not an image this service reads: send one of {limits.FormatList}.");
        }

        if (!limits.AcceptedFormats.Contains(format.Name, StringComparer.OrdinalIgnoreCase))
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, $"{format.Name} images are not accepted: send one of {limits.FormatList}.");
        }

        long pixels = (long)info.Width * info.Height;
        return pixels > headers.Options.MaxPixels
            ? TooLarge($"The image is {info.Width}x{info.Height} ({pixels} pixels); the limit is {headers.Options.MaxPixels}.")
            : null;
    }

    private static Refusal BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);
}

/// <summary>Why an upload was not queued: the HTTP status and what to do about it.</summary>
/// <param name="StatusCode">400, 413, 415 or 503.</param>
/// <param name="Detail">What was wrong and how to fix it.</param>
public sealed record Refusal(int StatusCode, string Detail)
{
    /// <summary>The API's answer: problem details (RFC 9457).</summary>
    public IResult ToProblem() => Results.Problem(Detail, statusCode: StatusCode);
}
