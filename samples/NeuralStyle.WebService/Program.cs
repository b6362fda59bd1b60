using NeuralStyle.Hosting;
using NeuralStyle.WebService;

// Configuration: NeuralStyle:ModelPath (required), NeuralStyle:QueueCapacity, NeuralStyle:MaxDegreeOfParallelism, ...; Upload:MaxBytes, Upload:MaxPixels, ...
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddNeuralStyle();
builder.Services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.SectionName)
    .Validate(l => l.MaxBytes > 0 && l.MaxPixels > 0 && l.MaxSize >= 16 && l.Formats.Length > 0, "Upload: MaxBytes, MaxPixels and Formats must be positive/non-empty and MaxSize at least 16.")
    .ValidateOnStart();
UploadLimits limits = builder.Configuration.GetSection(UploadLimits.SectionName).Get<UploadLimits>() ?? new UploadLimits();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxBytes);

WebApplication app = builder.Build();
StylizeEndpoints.Map(app);
app.MapHealthChecks("/health");
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
