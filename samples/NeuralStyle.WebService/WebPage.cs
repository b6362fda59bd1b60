using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting.Jobs;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Imaging;
using NeuralStyle.Styles;

namespace NeuralStyle.WebService;

/// <summary>
/// The web page: a form (photo, style, fast or paint) posted without JavaScript, then a job page that
/// refreshes itself until the result is shown with a download link. Uploads go through the same
/// <see cref="Admission"/> as the API; the form carries an antiforgery token.
/// </summary>
public static class WebPage
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(WebApplication app)
    {
        app.MapMethods("/", GetOrHead, (HttpContext context, IStylizationQueue queue, IAntiforgery antiforgery, IOptions<UploadLimits> limits) => Form(context, queue, antiforgery, limits.Value, null));
        app.MapPost("/", SubmitAsync).DisableAntiforgery(); // validated in SubmitAsync, so a bad token gets the page, not a bare 400
        app.MapMethods("/page/jobs/{id}", GetOrHead, (string id, IStylizationQueue queue) => JobPage(id, queue));
        app.MapMethods("/styles/{name}.jpg", GetOrHead, (string name) =>
            BuiltInStyles.TryParse(name, out BuiltInStyle style) ? Results.Stream(BuiltInStyles.OpenPainting(style), "image/jpeg") : Results.NotFound());
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IStylizationQueue queue, IAntiforgery antiforgery, IOptions<UploadLimits> options, ImageLoader headers, CancellationToken cancellationToken)
    {
        UploadLimits limits = options.Value;
        Refusal? refusal;
        try
        {
            if (!context.Request.HasFormContentType)
            {
                return Form(context, queue, antiforgery, limits, new Refusal(StatusCodes.Status415UnsupportedMediaType, "Send the form from the page (multipart/form-data)."));
            }

            // The form first, so the body's own limits (413, 408) are told as such; the token check then reads the form already read.
            IFormCollection form = await context.Request.ReadFormAsync(cancellationToken);
            await antiforgery.ValidateRequestAsync(context);
            if (form.Files.GetFile("photo") is not IFormFile photo || photo.Length == 0)
            {
                refusal = new Refusal(StatusCodes.Status400BadRequest, $"Choose a photo ({limits.FormatList}) to stylise.");
            }
            else
            {
                await using Stream stream = photo.OpenReadStream();
                byte[]? upload = await StylizeEndpoints.ReadCappedAsync(stream, limits.MaxBytes, cancellationToken);
                (StylizationRequest? request, refusal) = upload is null
                    ? (null, Admission.TooLarge($"The photo is larger than the limit of {limits.MaxBytes} bytes."))
                    : Admission.Check(upload, null, form["style"], form["method"], queue, limits, headers);
                if (request is not null)
                {
                    (StylizationJob? job, refusal) = Admission.Enqueue(request, queue, limits, context.Response);
                    if (job is not null)
                    {
                        return Results.Redirect($"/page/jobs/{job.Id}", permanent: false, preserveMethod: false);
                    }
                }
            }
        }
        catch (AntiforgeryValidationException)
        {
            refusal = new Refusal(StatusCodes.Status400BadRequest, "The form has expired: reload the page and send it again.");
        }
        catch (BadHttpRequestException e)
        {
            refusal = StylizeEndpoints.Refused(context, e, limits);
        }
        catch (InvalidDataException e)
        {
            refusal = new Refusal(StatusCodes.Status400BadRequest, $"The form could not be read ({e.Message}): send it from the page.");
        }

        return Form(context, queue, antiforgery, limits, refusal);
    }

    private static IResult Form(HttpContext context, IStylizationQueue queue, IAntiforgery antiforgery, UploadLimits limits, Refusal? refusal)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        var html = new StringBuilder();
        html.Append("<h1>NeuralStyle</h1><p>Repaint a photo in the style of a painting.</p>");
        if (refusal is not null)
        {
            html.Append("<p id=\"error\" role=\"alert\">").Append(Encode(refusal.Detail)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/\" enctype=\"multipart/form-data\">")
            .Append("<input type=\"hidden\" name=\"").Append(Encode(tokens.FormFieldName)).Append("\" value=\"").Append(Encode(tokens.RequestToken ?? string.Empty)).Append("\">")
            .Append("<label for=\"photo\">Photo (").Append(Encode(limits.FormatList)).Append(")</label><input type=\"file\" id=\"photo\" name=\"photo\" accept=\"")
            .Append(Encode(string.Join(',', limits.MediaTypes))).Append("\" required>")
            .Append("<label for=\"style\">Style</label><select id=\"style\" name=\"style\"><option value=\"\" selected>the service's default</option>");
        foreach (string style in queue.Styles)
        {
            html.Append("<option value=\"").Append(Encode(style)).Append("\">").Append(Encode(style)).Append("</option>");
        }

        html.Append("</select><div class=\"paintings\">");
        foreach (BuiltInStyleInfo style in BuiltInStyles.All)
        {
            html.Append("<figure><img src=\"/styles/").Append(style.Name).Append(".jpg\" alt=\"").Append(Encode(style.Painting)).Append("\"><figcaption>")
                .Append(Encode(style.Name)).Append("</figcaption></figure>");
        }

        html.Append("</div><fieldset><legend>Method</legend>")
            .Append("<label><input type=\"radio\" name=\"method\" value=\"fast\" id=\"fast\" checked> Fast model (seconds)</label>");
        if (queue.CapacityOf(StylizationMethod.Paint) > 0)
        {
            html.Append("<label><input type=\"radio\" name=\"method\" value=\"paint\" id=\"paint\"> Paint (slow: minutes; a built-in style's painting, optimised for this photo)</label>");
        }

        html.Append("</fieldset><button type=\"submit\" id=\"submit\">Stylise</button></form>");
        return Page("NeuralStyle", html.ToString(), refresh: false, refusal?.StatusCode ?? StatusCodes.Status200OK);
    }

    private static IResult JobPage(string id, IStylizationQueue queue)
    {
        if (queue.Find(id) is not StylizationJob job)
        {
            return Page("No such job", "<h1>No such job</h1><p id=\"error\" role=\"alert\">The job is unknown, or its result has expired.</p><p><a href=\"/\">Stylise a photo</a></p>", refresh: false, StatusCodes.Status404NotFound);
        }

        string state = job.State.ToString().ToLowerInvariant();
        string percent = job.Progress.ToString("P0", CultureInfo.InvariantCulture);
        var html = new StringBuilder()
            .Append("<h1>").Append(job.Method == StylizationMethod.Paint ? "Painting" : "Stylising").Append(' ').Append(Encode(job.Style ?? "the default style")).Append("</h1>")
            .Append("<p>State: <strong id=\"state\">").Append(state).Append("</strong></p>");
        bool running = job.State is StylizationState.Queued or StylizationState.Running;
        if (running)
        {
            html.Append("<progress id=\"progress\" max=\"1\" value=\"").Append(job.Progress.ToString("F3", CultureInfo.InvariantCulture)).Append("\">").Append(percent).Append("</progress> ")
                .Append(percent).Append("<p>This page refreshes itself.</p>");
        }
        else if (job.State == StylizationState.Succeeded)
        {
            string file = "stylised" + job.Format;
            html.Append("<p><img id=\"result\" src=\"/jobs/").Append(job.Id).Append("/result\" alt=\"The stylised photo\"></p>")
                .Append("<p><a id=\"download\" href=\"/jobs/").Append(job.Id).Append("/result\" download=\"").Append(file).Append("\">Download ").Append(file).Append("</a></p>");
        }
        else
        {
            html.Append("<p id=\"error\" role=\"alert\">").Append(Encode(job.Error ?? "The job did not finish.")).Append("</p>");
        }

        html.Append("<p><a href=\"/\">Stylise another photo</a></p>");
        return Page($"NeuralStyle: {state}", html.ToString(), running, StatusCodes.Status200OK);
    }

    private static IResult Page(string title, string body, bool refresh, int status) => Results.Content(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + (refresh ? "<meta http-equiv=\"refresh\" content=\"1\">" : string.Empty)
        + "<title>" + Encode(title) + "</title><style>" + Css + "</style></head><body><main>" + body + "</main></body></html>",
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Css =
        "body{font-family:system-ui,sans-serif;margin:0;background:#f6f4ef;color:#222}main{max-width:44rem;margin:2rem auto;padding:0 1rem}"
        + "label{display:block;margin:.8rem 0 .3rem;font-weight:600}fieldset{margin:1rem 0;border:1px solid #ccc}fieldset label{font-weight:400}"
        + "select,input[type=file]{font-size:1rem}button{font-size:1.1rem;padding:.5rem 1.5rem;margin-top:.5rem}"
        + ".paintings{display:flex;gap:.8rem;margin:.8rem 0}.paintings figure{margin:0;text-align:center}.paintings img{height:6rem;border:1px solid #999}"
        + "#error{color:#a00;font-weight:600}#result{max-width:100%;border:1px solid #999}progress{width:20rem}";
}
