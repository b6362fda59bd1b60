using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;

namespace NeuralStyle.Batch.Tests;

/// <summary>Style-transfer jobs with the batch's one extractor (the pretrained ResNet18).</summary>
public sealed class TransferJobTests : IDisposable
{
    private readonly BatchFolder _folder = new(photos: 2);

    [Fact]
    public async Task Transfers_share_the_extractor_and_a_new_extractor_identity_redoes_them()
    {
        using ResNet18FeatureExtractor extractor = ResNet18FeatureExtractor.Load(new ResNet18Options());
        StyleTransferSettings settings = StyleTransferSettings.Default
            .WithImage(i => i with { Size = OutputSize.LongestSide(48) })
            .WithOptimization(o => o with { Evaluations = 3 });
        TransferBatchJob[] jobs = Enumerable.Range(0, 2).Select(i => new TransferBatchJob
        {
            Line = i + 1,
            Content = _folder.Photo(i),
            Styles = [new BatchStyle(_folder.Photo(1 - i))],
            Output = _folder.Output(i, ".jpg"),
            Settings = settings,
        }).ToArray();
        var fractions = new List<double>();
        using (BatchRunner runner = BatchRunner.Create(jobs, new BatchOptions { Extractor = extractor }))
        {
            BatchReport report = await runner.RunAsync(progress: new Testing.SynchronousProgress<BatchProgress>(p => fractions.Add(p.JobFraction)));
            Assert.Equal(2, report.Done);
        }

        Assert.Contains(fractions, f => f is > 0 and < 1);
        using (TransferImage result = BatchFolder.Load(jobs[0].Output))
        {
            Assert.Equal(48, Math.Max(result.Width, result.Height));
        }

        using (BatchRunner same = BatchRunner.Create(jobs, new BatchOptions { Extractor = extractor }))
        {
            Assert.Equal(2, (await same.RunAsync()).Skipped);
        }

        using BatchRunner other = BatchRunner.Create(jobs, new BatchOptions { Extractor = extractor, ExtractorIdentity = "ResNet18 (other weights)" });
        Assert.Equal(2, (await other.RunAsync()).Done);
    }

    [Fact]
    public async Task A_style_seen_again_at_the_same_size_reuses_its_targets_with_the_same_result()
    {
        using ResNet18FeatureExtractor extractor = ResNet18FeatureExtractor.Load(new ResNet18Options());
        StyleTransferSettings settings = StyleTransferSettings.Default
            .WithImage(i => i with { Size = OutputSize.LongestSide(48) })
            .WithOptimization(o => o with { Evaluations = 3 });
        TransferBatchJob[] jobs = Enumerable.Range(0, 3).Select(i => new TransferBatchJob
        {
            Line = i + 1,
            Content = _folder.Photo(i % 2),
            Styles = [new BatchStyle(_folder.Photo(1))],
            Output = _folder.Output(i),
            Settings = settings with { Optimization = settings.Optimization with { Seed = i } },
        }).ToArray();
        using (BatchRunner runner = BatchRunner.Create(jobs, new BatchOptions { Extractor = extractor }))
        {
            Assert.Equal(3, (await runner.RunAsync()).Done);
            Assert.Equal((1, 2), runner.StyleTargetUse);
        }

        using Transfer.StyleTransferResult alone = await new Transfer.StyleTransferBuilder()
            .WithFeatureExtractor(extractor).WithSettings(jobs[2].Settings).WithContent(jobs[2].Content).AddStyle(_folder.Photo(1)).Build().RunAsync();
        using TransferImage batched = BatchFolder.Load(jobs[2].Output);
        Assert.Equal((alone.Image.Width, alone.Image.Height), (batched.Width, batched.Height));
        int largest = 0;
        for (int y = 0; y < batched.Height; y++)
        {
            for (int x = 0; x < batched.Width; x++)
            {
                SixLabors.ImageSharp.PixelFormats.Rgb24 a = alone.Image.Color[x, y], b = batched.Color[x, y];
                largest = Math.Max(largest, Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B))));
            }
        }

        Assert.True(largest <= 1, $"the batch's result differs from a run of its own by {largest} levels");
    }

    public void Dispose() => _folder.Dispose();
}
