#region using-getting-started
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
#endregion

namespace NeuralStyle.Samples;

/// <summary>The 10-line example of README.md and docs/getting-started.md.</summary>
public static class GettingStarted
{
    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        #region getting-started
        using var resnet = ResNet18FeatureExtractor.Load();          // embedded ImageNet ResNet18, offline
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(resnet)
            .WithContent("photo.jpg")
            .AddStyle("starry_night.jpg")
            .WithSize(OutputSize.LongestSide(512))
            .Build();                                   // validates everything once, lists every problem
        var progress = new Progress<StyleTransferProgress>(p => Console.WriteLine($"{p.Evaluation}/{p.TotalEvaluations}: {p.Losses.Total}"));
        using StyleTransferResult result = await transfer.RunAsync(RunReporting.WithProgress(progress, every: 10), cancellationToken);
        result.Save("styled.png");                      // atomic: never a partial file
        #endregion
    }
}
