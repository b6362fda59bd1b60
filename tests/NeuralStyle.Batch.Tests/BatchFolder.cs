using NeuralStyle.Batch.Jobs;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.Batch.Tests;

/// <summary>A temporary folder with photos and a seeded (untrained) quarter-width fast-style model.</summary>
internal sealed class BatchFolder : IDisposable
{
    public BatchFolder(int photos = 4)
    {
        Path = Directory.CreateTempSubdirectory("neuralstyle-batch-").FullName;
        for (int i = 0; i < photos; i++)
        {
            using Image photo = TestImages.Photo(40 + (8 * i), 32);
            photo.SaveAsPng(Photo(i));
        }

        var architecture = new FastStyleArchitecture { Width = NetworkWidth.Quarter, ResidualBlocks = 1 };
        using var model = new FastStyleModel(TransformerNet.Initialize(architecture, 11), new FastStyleModelInfo { Architecture = architecture, StyleName = "seeded", TrainingSize = 64 });
        model.Save(Model);
    }

    public string Path { get; }

    public string Model => File("seeded.safetensors");

    public string Photo(int i) => File($"photo{i}.png");

    public string Output(int i, string extension = ".png") => File($"out/result{i}{extension}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A fast-style job per photo.</summary>
    public FastStyleBatchJob[] FastJobs(int count, StylizeOptions? options = null) =>
        Enumerable.Range(0, count).Select(i => new FastStyleBatchJob
        {
            Line = i + 1,
            Content = Photo(i),
            Model = Model,
            Output = Output(i),
            Options = options ?? StylizeOptions.Default,
        }).ToArray();

    /// <summary>The files under the output folder other than outputs and their records (temporary files a writer left).</summary>
    public string[] Leftovers() =>
        Directory.EnumerateFiles(File("out"), "*", SearchOption.AllDirectories)
            .Where(f => !System.IO.Path.GetFileName(f).StartsWith("result", StringComparison.Ordinal) && !f.EndsWith(".neuralstyle-job.json", StringComparison.Ordinal))
            .ToArray();

    public static TransferImage Load(string path) => new ImageLoader().Load(path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
