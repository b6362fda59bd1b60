using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Imaging;

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
                ? Results.Ok(JobView.Of(job))
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

    // size, style and method are bound as text and checked by Admission: a bound int? answers "abc" or "1e3" with a bare 400.
    private static async Task<IResult> SubmitAsync(
        HttpRequest request, IStylizationQueue queue, IOptions<UploadLimits> options, ImageLoader headers, string? size, string? style, string? method, CancellationToken cancellationToken)
    {
        UploadLimits limits = options.Value;
        if (request.ContentLength > limits.MaxBytes)
        {
            return Admission.TooLarge($"The upload is {request.ContentLength} bytes; the limit is {limits.MaxBytes}.").ToProblem();
        }

        byte[]? upload;
        try
        {
            upload = await ReadCappedAsync(request.Body, limits.MaxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            return Refused(request.HttpContext, e, limits).ToProblem();
        }

        if (upload is null)
        {
            return Admission.TooLarge($"The upload is larger than the limit of {limits.MaxBytes} bytes.").ToProblem();
        }

        (StylizationRequest? stylization, Refusal? refused) = Admission.Check(upload, size, style, method, queue, limits, headers);
        if (stylization is null)
        {
            return refused!.ToProblem();
        }

        (StylizationJob? job, Refusal? full) = Admission.Enqueue(stylization, queue, limits, request.HttpContext.Response);
        return job is null ? full!.ToProblem() : Results.Accepted($"/jobs/{job.Id}", JobView.Of(job));
    }

    /// <summary>
    /// Kestrel's own limits on the body (MaxRequestBodySize: 413, MinRequestBodyDataRate: 408) are the
    /// client's doing: one line in the log and a problem answer, not an unhandled exception's stack trace.
    /// </summary>
    internal static Refusal Refused(HttpContext context, BadHttpRequestException e, UploadLimits limits)
    {
        UploadRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StylizeEndpoints)), e.StatusCode, e.Message);
        return e.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? Admission.TooLarge($"The upload is larger than the limit of {limits.MaxBytes} bytes.")
            : new Refusal(e.StatusCode, e.Message);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (never buffered beyond it).</summary>
    internal static async Task<byte[]?> ReadCappedAsync(Stream body, long limit, CancellationToken cancellationToken)
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

    private static IResult Unknown() => Results.Problem("No such job (unknown, or its result has expired).", statusCode: StatusCodes.Status404NotFound);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Upload refused with {StatusCode} while reading it: {Reason}")]
    private static partial void UploadRefused(ILogger logger, int statusCode, string reason);

    /// <summary>A job as the API shows it.</summary>
    public sealed record JobView(string Id, string State, double Progress, string? Error)
    {
        /// <summary>The view of <paramref name="job"/>.</summary>
        public static JobView Of(StylizationJob job) => new(job.Id, job.State.ToString().ToLowerInvariant(), job.Progress, job.Error);
    }
}
