using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using NeuralStyle.Hosting;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Imaging;
using NeuralStyle.Runtime;
using NeuralStyle.WebService;

// Configuration: NeuralStyle:ModelPath (required: the default style), NeuralStyle:Models:NAME (more model files), NeuralStyle:Paint:* (transfers), NeuralStyle:QueueCapacity, NeuralStyle:MaxDegreeOfParallelism, NeuralStyle:ImageLimits:MaxPixels, ...; Upload:MaxBytes, Upload:MaxSize, Upload:Formats, ...
// Before the first tensor: large activations on huge pages, as the command does (the built-in styles'
// TorchSharp pass is about 3x faster with them; THP_MEM_ALLOC_ENABLE=0 opts out).
NativeAllocation.TryEnableHugePages();
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddNeuralStyle();
builder.Services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.SectionName).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<UploadLimits>, UploadLimitsValidator>();

// Upload headers are read under the service's own decoding limits (NeuralStyle:ImageLimits), validated at start-up.
builder.Services.AddSingleton(provider => new ImageLoader(provider.GetRequiredService<IOptions<NeuralStyleServiceOptions>>().Value.ImageLimits));

// Kestrel's body cap is read from the validated limits: a bad Upload:MaxBytes is reported by name
// even when Kestrel's options are built before the start-up validation runs.
builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<UploadLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBytes);

builder.Services.AddAntiforgery();

WebApplication app = builder.Build();
app.UseAntiforgery();
StylizeEndpoints.Map(app);
WebPage.Map(app);
app.MapHealthChecks("/health");
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
