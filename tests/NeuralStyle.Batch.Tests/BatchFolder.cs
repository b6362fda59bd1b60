using NeuralStyle.Batch.Jobs;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.Batch.Tests;

/// <summary>A temporary folder with photos, and a test stylizer that reads a "model file" in it.</summary>
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

        System.IO.File.WriteAllBytes(Model, [1, 2, 3]);
        Stylizer = new TestStylizer("invert", (Model, "model file"));
    }

    public string Path { get; }

    public string Model => File("model.bin");

    /// <summary>What the jobs of <see cref="Jobs"/> run (unless told otherwise).</summary>
    public TestStylizer Stylizer { get; }

    public string Photo(int i) => File($"photo{i}.png");

    public string Output(int i, string extension = ".png") => File($"out/result{i}{extension}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A job per photo, with <paramref name="stylizer"/> (default <see cref="Stylizer"/>).</summary>
    public BatchJob[] Jobs(int count, IStylizer? stylizer = null) =>
        Enumerable.Range(0, count).Select(i => new BatchJob
        {
            Line = i + 1,
            Content = Photo(i),
            Output = Output(i),
            Stylizer = stylizer ?? Stylizer,
        }).ToArray();

    /// <summary>The files under the output folder other than outputs and their records (temporary files a writer left).</summary>
    public string[] Leftovers() =>
        Directory.EnumerateFiles(File("out"), "*", SearchOption.AllDirectories)
            .Where(f => !System.IO.Path.GetFileName(f).StartsWith("result", StringComparison.Ordinal) && !f.EndsWith(".neuralstyle-job.json", StringComparison.Ordinal))
            .ToArray();

    public static TransferImage Load(string path) => new ImageLoader().Load(path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
