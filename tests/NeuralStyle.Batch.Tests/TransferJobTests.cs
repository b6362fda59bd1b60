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

    public void Dispose() => _folder.Dispose();
}
