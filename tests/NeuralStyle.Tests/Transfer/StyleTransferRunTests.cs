using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Tests.Transfer;

/// <summary>A transfer's run on the seeded two-convolution extractor: cancellation, native tensors, seeds and starts (no pretrained network needed).</summary>
public sealed class StyleTransferRunTests : IDisposable
{
    private readonly TinyExtractor _extractor = new();

    [Fact]
    public void CancellationStopsWithinOneEvaluation()
    {
        using Image<Rgb24> content = TestImages.Photo(48, 48);
        using Image<Rgb24> style = TestImages.Painting(48, 48);
        using var cancellation = new CancellationTokenSource();
        int reported = 0;
        var progress = new SynchronousProgress<StyleTransferProgress>(p =>
        {
            reported = p.Evaluation;
            if (p.Evaluation == 3)
            {
                cancellation.Cancel();
            }
        });
        StyleTransfer transfer = Builder(content, style).WithEvaluations(50).Build();

        Assert.ThrowsAny<OperationCanceledException>(() => transfer.Run(RunReporting.WithProgress(progress), cancellation.Token));
        Assert.Equal(3, reported);
    }

    [Fact]
    public async Task RunAsyncHonoursAnAlreadyCancelledToken()
    {
        using Image<Rgb24> content = TestImages.Photo(32, 32);
        using Image<Rgb24> style = TestImages.Painting(32, 32);
        StyleTransfer transfer = Builder(content, style).WithEvaluations(5).Build();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transfer.RunAsync(new CancellationToken(canceled: true)));
        using StyleTransferResult result = await transfer.RunAsync();
        Assert.Equal(5, result.LossHistory.Count);
    }

    [Fact]
    public void A_transfer_of_streams_runs_again_with_the_same_images()
    {
        using var content = new MemoryStream();
        using var style = new MemoryStream();
        using (Image<Rgb24> photo = TestImages.Photo(32, 32))
        using (Image<Rgb24> painting = TestImages.Painting(32, 32))
        {
            photo.SaveAsPng(content);
            painting.SaveAsPng(style);
        }

        content.Position = 0;
        style.Position = 0;
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(_extractor).WithContent(content).AddStyle(style).WithSize(OutputSize.Original).WithEvaluations(4).Build();
        using StyleTransferResult first = transfer.Run();
        using StyleTransferResult second = transfer.Run();
        Assert.Equal(first.LossHistory.Select(l => l.Total), second.LossHistory.Select(l => l.Total));
    }

    [Fact]
    public void An_optimiser_that_stops_before_its_budget_still_reports_its_last_evaluation()
    {
        // A flat photo at style strength 0: nothing to change, so L-BFGS stops at once.
        using var content = new Image<Rgb24>(32, 32, new Rgb24(120, 120, 120));
        using Image<Rgb24> style = TestImages.Painting(32, 32);
        var reports = new List<StyleTransferProgress>();
        StyleTransfer transfer = Builder(content, style).WithStyleStrength(0).WithEvaluations(30).Build();

        using StyleTransferResult result = transfer.Run(RunReporting.WithProgress(new SynchronousProgress<StyleTransferProgress>(reports.Add), every: 10));
        Assert.True(result.LossHistory.Count < 10, $"{result.LossHistory.Count} evaluations");
        Assert.Equal(result.LossHistory.Count, Assert.Single(reports).Evaluation);
    }

    [Fact]
    public void A_run_whose_style_targets_fail_leaves_no_native_tensor_behind()
    {
        using Image<Rgb24> content = TestImages.Photo(32, 32);
        using Image<Rgb24> style = TestImages.Painting(32, 32);
        using Image<Rgb24> mask = new(32, 32, new Rgb24(255, 255, 255));
        var failing = new RecordingExtractor(_extractor);
        StyleTransfer transfer = new StyleTransferBuilder()
            .WithFeatureExtractor(failing).WithContent(content).AddStyle(ImageSource.FromImage(style), 1, ImageSource.FromImage(mask)).WithSize(OutputSize.Original).WithEvaluations(3).Build();

        // The memory probe and the content's features are made, then the style's extraction fails (as a style too large for memory would).
        failing.BeforeExtract = () =>
        {
            if (failing.Sizes.Count == 2)
            {
                throw new OutOfMemoryException("the style's features");
            }
        };
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.Throws<OutOfMemoryException>(() => transfer.Run());
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void NativeTensorCountReturnsToItsStartAfterRuns()
    {
        using Image<Rgb24> content = TestImages.Photo(32, 32);
        using Image<Rgb24> style = TestImages.Painting(32, 32);
        StyleTransfer transfer = Builder(content, style).WithEvaluations(12).Build();
        var snapshots = new RunReporting { Snapshot = _ => { }, SnapshotEvery = 4 };
        using (transfer.Run(snapshots))
        {
        }

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++)
        {
            using StyleTransferResult result = transfer.Run(snapshots);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void NoiseInitialisationIsDeterministicForASeed()
    {
        using Image<Rgb24> content = TestImages.Photo(32, 32);
        using Image<Rgb24> style = TestImages.Painting(32, 32);
        StyleTransferBuilder builder = Builder(content, style).WithEvaluations(4).WithInit(InitMode.Noise).WithSeed(7);
        using StyleTransferResult a = builder.Build().Run();
        using StyleTransferResult b = builder.Build().Run();
        using StyleTransferResult c = builder.WithSeed(8).Build().Run();
        Assert.Equal(a.LossHistory, b.LossHistory);
        Assert.NotEqual(a.LossHistory[0], c.LossHistory[0]);
    }

    [Fact]
    public void GrayInitStartsFromMidGray()
    {
        using Image<Rgb24> content = DemoImages.Lakeside(64, 48);
        using Image<Rgb24> style = DemoImages.Swirls(64, 64);
        using StyleTransferResult gray = Builder(content, style).WithInit(InitMode.Gray).WithEvaluations(3).Build().Run();
        using StyleTransferResult fromContent = Builder(content, style).WithInit(InitMode.Content).WithEvaluations(3).Build().Run();
        Assert.True(gray.LossHistory[0].Content > 0.1, $"gray starts away from the content: {gray.LossHistory[0].Content}");
        Assert.Equal(0, gray.LossHistory[0].TotalVariation);
        Assert.True(fromContent.LossHistory[0].TotalVariation > 0, "the photo is not flat");
        Assert.Equal(0, fromContent.LossHistory[0].Content, 6);
    }

    public void Dispose() => _extractor.Dispose();

    private StyleTransferBuilder Builder(Image<Rgb24> content, Image<Rgb24> style) => new StyleTransferBuilder()
        .WithFeatureExtractor(_extractor).WithContent(content).AddStyle(style).WithSize(OutputSize.Original).WithEvaluations(30);
}
