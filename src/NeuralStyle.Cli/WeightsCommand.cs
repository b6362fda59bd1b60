using System.CommandLine;
using NeuralStyle.Cli.Reporting;
using NeuralStyle.Vgg;
using NeuralStyle.Weights;

namespace NeuralStyle.Cli;

/// <summary><c>neural-style weights download vgg19 [--cache-dir DIR] [--features-only]</c> and <c>neural-style weights path vgg19</c>.</summary>
internal static class WeightsCommand
{
    private const string Vgg19 = "vgg19";

    public static Command Create(Func<OutputMode, IDownloadReporter> reporterFor)
    {
        var network = new Argument<string>("network") { Description = "The network whose weights to fetch: vgg19." };
        network.AcceptOnlyFromAmong(Vgg19);
        var cacheDirectory = new Option<string?>("--cache-dir") { Description = $"Cache directory (default: ${WeightsCache.EnvironmentVariable}, $XDG_CACHE_HOME/neuralstyle or ~/.cache/neuralstyle)." };
        var featuresOnly = new Option<bool>("--features-only") { Description = "Keep only the convolutional layers as .safetensors (about 80 MB instead of 548 MB)." };
        var mode = new OutputModeOptions();

        var download = new Command("download", "Download, verify (SHA-256) and cache pretrained weights; an interrupted download resumes.")
        {
            network, cacheDirectory, featuresOnly,
        };
        mode.AddTo(download);
        download.SetAction(async (result, cancellationToken) =>
        {
            IDownloadReporter reporter = reporterFor(mode.Read(result));
            var cache = new WeightsCache(result.GetValue(cacheDirectory));
            string path = await reporter.TrackDownloadAsync(Vgg19Weights.Torchvision.FileName, progress =>
                Vgg19Weights.DownloadAsync(cache, result.GetValue(featuresOnly), progress, cancellationToken: cancellationToken)).ConfigureAwait(false);
            reporter.Downloaded(path);
            return (int)ExitCode.Success;
        });

        var pathCommand = new Command("path", "Print where the weights are cached (exit code 3 when they are not).") { network, cacheDirectory };
        pathCommand.SetAction(result =>
        {
            result.InvocationConfiguration.Output.WriteLine(BackboneFactory.LocateVgg19(new WeightsCache(result.GetValue(cacheDirectory))));
            return (int)ExitCode.Success;
        });

        return new Command("weights", "Manage pretrained weights (ResNet18 ships with the tool; VGG19 is downloaded).") { download, pathCommand };
    }
}
