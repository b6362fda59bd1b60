using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Stylizing;
using NeuralStyle.Transfer;

namespace NeuralStyle.Batch.Tests.Jobs;

/// <summary>Style-transfer jobs: one <see cref="TransferStylizer"/> (the pretrained ResNet18) shared by the jobs.</summary>
public sealed class TransferJobTests : IDisposable
{
    /// <summary>48 px, 3 evaluations: enough for a result, fast enough for a test.</summary>
    private static readonly StyleTransferSettings Tiny = StyleTransferSettings.Default
        .WithImage(i => i with { Size = OutputSize.LongestSide(48) })
        .WithOptimization(o => o with { Evaluations = 3 });

    private readonly BatchFolder _folder = new(photos: 2);

    /// <summary>A transfer with the <see cref="Tiny"/> settings in the style of the second photo, through <paramref name="extractor"/> (under <paramref name="identity"/> when given).</summary>
    private TransferStylizer Stylizer(ResNet18FeatureExtractor extractor, string? identity = null) =>
        new StyleTransferBuilder().WithFeatureExtractor(extractor, identity).WithSettings(Tiny).AddStyle(_folder.Photo(1)).BuildStylizer();

    [Fact]
    public async Task Transfers_run_with_progress_and_a_new_extractor_identity_redoes_them()
    {
        using ResNet18FeatureExtractor extractor = ResNet18FeatureExtractor.Load(new ResNet18Options());
        using TransferStylizer stylizer = Stylizer(extractor);
        BatchJob[] jobs = _folder.Jobs(2, stylizer).Select(j => j with { Output = System.IO.Path.ChangeExtension(j.Output, ".jpg") }).ToArray();
        var fractions = new List<double>();
        BatchReport report = await BatchRunner.Create(jobs).RunAsync(progress: new SynchronousProgress<BatchProgress>(p => fractions.Add(p.JobFraction)));
        Assert.Equal(2, report.Done);
        Assert.Contains(fractions, f => f is > 0 and < 1);
        using (TransferImage result = BatchFolder.Load(jobs[0].Output))
        {
            Assert.Equal(48, Math.Max(result.Width, result.Height));
        }

        Assert.Equal(2, (await BatchRunner.Create(jobs).RunAsync()).Skipped);

        using TransferStylizer otherWeights = Stylizer(extractor, "ResNet18 (other weights)");
        Assert.Equal(2, (await BatchRunner.Create(jobs.Select(j => j with { Stylizer = otherWeights }).ToArray()).RunAsync()).Done);
    }

    [Fact]
    public async Task A_style_seen_again_at_the_same_size_reuses_its_targets_with_the_same_result()
    {
        using ResNet18FeatureExtractor extractor = ResNet18FeatureExtractor.Load(new ResNet18Options());
        using TransferStylizer stylizer = Stylizer(extractor);
        BatchJob[] jobs = Enumerable.Range(0, 3).Select(i => new BatchJob { Line = i + 1, Content = _folder.Photo(i % 2), Output = _folder.Output(i), Stylizer = stylizer }).ToArray();
        Assert.Equal(3, (await BatchRunner.Create(jobs).RunAsync()).Done);
        Assert.Equal((1, 2), stylizer.StyleTargetUse);

        using StyleTransferResult alone = await new StyleTransferBuilder()
            .WithFeatureExtractor(extractor).WithSettings(Tiny).WithContent(jobs[2].Content).AddStyle(_folder.Photo(1)).Build().RunAsync();
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
