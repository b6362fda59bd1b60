using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Reliability.Tests;

/// <summary>Long use in one process: no leaks, cancellation in every phase, concurrent runs, dispose while running.</summary>
[Collection(MeasuredAlone.Name)]
public sealed class ResourceTests : IClassFixture<ResNet18Fixture>, IDisposable
{
    private const long NativeHeapLimit = 16L << 20;
    private const long ManagedHeapLimit = 8L << 20;
    private const long ResidentLimit = 48L << 20;

    private readonly ResNet18Fixture _fixture;
    private readonly Image<Rgb24> _content = DemoImages.Lakeside(48, 32);
    private readonly Image<Rgb24> _style = DemoImages.Swirls(40, 40);

    public ResourceTests(ResNet18Fixture fixture) => _fixture = fixture;

    [Fact]
    public void NativeTensorsAndMemoryStayFlatOverAHundredRuns()
    {
        StyleTransfer transfer = Builder(_fixture.Extractor).WithEvaluations(3).Build();
        var snapshots = new RunReporting { Snapshot = _ => { }, SnapshotEvery = 2 };
        for (int i = 0; i < 10; i++)
        {
            using StyleTransferResult warmUp = transfer.Run(snapshots);
        }

        long tensors = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        ProcessMemory afterWarmUp = ProcessMemory.Read();
        for (int i = 0; i < 100; i++)
        {
            using StyleTransferResult result = transfer.Run(snapshots);
        }

        ProcessMemory growth = ProcessMemory.Read().Minus(afterWarmUp);
        Assert.Equal(tensors, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(growth.NativeHeapBytes < NativeHeapLimit, $"The native heap grew over 100 runs: {growth}");
        Assert.True(growth.ManagedHeapBytes < ManagedHeapLimit, $"The managed heap grew over 100 runs: {growth}");
        Assert.True(growth.ResidentOutsideManagedHeapBytes < ResidentLimit, $"Resident memory grew over 100 runs: {growth}");
    }

    [Fact]
    public async Task CancellationIsHonouredWhileLoadingTheImages()
    {
        // A photo loaded per call (a stylizer's: a built transfer reads its streams when built), from a stream that cancels on its first read.
        using var cancellation = new CancellationTokenSource();
        byte[] png = Encode(_content);
        using var stream = new CancellingStream(png, cancellation);
        using TransferStylizer stylizer = new StyleTransferBuilder().WithFeatureExtractor(_fixture.Extractor)
            .AddStyle(_style).WithSize(OutputSize.Original).WithEvaluations(5).BuildStylizer();
        var progress = new SynchronousProgress<StylizeProgress>(_ => Assert.Fail("no evaluation may run after cancellation while loading"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StylizePipeline.Default.RenderAsync(stylizer, ImageSource.FromStream(stream), ".png", progress, cancellation.Token));
        Assert.True(stream.WasRead);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void CancellationIsHonouredWithinOneEvaluationWhileOptimising(int cancelAt)
    {
        using var cancellation = new CancellationTokenSource();
        int last = 0;
        StyleTransfer transfer = Builder(_fixture.Extractor).WithEvaluations(50).Build();
        var progress = new SynchronousProgress<StyleTransferProgress>(p =>
        {
            last = p.Evaluation;
            if (p.Evaluation == cancelAt)
            {
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => transfer.Run(RunReporting.WithProgress(progress), cancellation.Token));
        Assert.Equal(cancelAt, last);
    }

    [Fact]
    public async Task TwoTransfersOnTwoThreadsGiveTheSameBitsAsEachAlone()
    {
        using Image<Rgb24> otherContent = DemoImages.Swirls(48, 32);
        StyleTransfer first = Builder(_fixture.Extractor).WithEvaluations(12).Build();
        StyleTransfer second = new StyleTransferBuilder().WithFeatureExtractor(_fixture.Extractor)
            .WithContent(otherContent).AddStyle(_content).WithSize(OutputSize.Original).WithEvaluations(12).Build();

        byte[] firstAlone = Pixels(await first.RunAsync());
        byte[] secondAlone = Pixels(await second.RunAsync());
        StyleTransferResult[] together = await Task.WhenAll(first.RunAsync(), second.RunAsync());

        Assert.Equal(firstAlone, Pixels(together[0]));
        Assert.Equal(secondAlone, Pixels(together[1]));
    }

    [Fact]
    public async Task DisposingTheExtractorMidRunStopsTheRunCleanly()
    {
        ResNet18FeatureExtractor extractor = ResNet18FeatureExtractor.Load();
        using var reachedTwo = new SemaphoreSlim(0);
        StyleTransfer transfer = Builder(extractor).WithEvaluations(200).Build();
        var progress = new SynchronousProgress<StyleTransferProgress>(p =>
        {
            if (p.Evaluation == 2)
            {
                reachedTwo.Release();
            }
        });

        Task<StyleTransferResult> running = transfer.RunAsync(RunReporting.WithProgress(progress));
        Assert.True(await reachedTwo.WaitAsync(TimeSpan.FromSeconds(60)));
        extractor.Dispose();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => running);
        Assert.True(error.Message.Contains(nameof(ResNet18FeatureExtractor), StringComparison.Ordinal), error.ToString());
        Assert.Throws<ObjectDisposedException>(() => transfer.Run());
        extractor.Dispose();
    }

    public void Dispose()
    {
        _content.Dispose();
        _style.Dispose();
    }

    private StyleTransferBuilder Builder(ResNet18FeatureExtractor extractor) => new StyleTransferBuilder()
        .WithFeatureExtractor(extractor)
        .WithContent(_content)
        .AddStyle(_style)
        .WithSize(OutputSize.Original);

    private static byte[] Pixels(StyleTransferResult result)
    {
        using (result)
        {
            byte[] pixels = new byte[result.Image.Width * result.Image.Height * 3];
            result.Image.Color.CopyPixelDataTo(pixels);
            return pixels;
        }
    }

    private static byte[] Encode(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A stream that cancels a token the first time it is read: "the user pressed Ctrl+C while loading".</summary>
    private sealed class CancellingStream(byte[] data, CancellationTokenSource cancellation) : MemoryStream(data)
    {
        public bool WasRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            cancellation.Cancel();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            WasRead = true;
            cancellation.Cancel();
            return base.Read(buffer);
        }
    }
}
