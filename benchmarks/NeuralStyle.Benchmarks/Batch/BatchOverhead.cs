using System.Diagnostics;
using System.Globalization;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Running;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Stylizing;
using TorchSharp;

namespace NeuralStyle.Benchmarks.Batch;

/// <summary>
/// Batch overhead per fast-style job at 512 px over a bare single run with the model loaded once
/// (<see cref="FastStyleModel.StylizeFile"/>: decode, resize, stylise, atomic save), on the same
/// mate-backgrounds photos; rounds alternate, the minimum mean per job of each is compared. Also the
/// time per job of a rerun (every job skipped).
/// </summary>
internal static class BatchOverhead
{
    private const string Photos = "/usr/share/backgrounds/mate/nature";

    public static void Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 12;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        string[] photos = Directory.Exists(Photos) ? Directory.GetFiles(Photos, "*.jpg").Order(StringComparer.Ordinal).Take(count).ToArray() : [];
        if (photos.Length == 0)
        {
            throw new InvalidOperationException($"No photos in {Photos}: apt-get install -y mate-backgrounds.");
        }

        torch.set_num_threads(2);
        string work = Directory.CreateTempSubdirectory("neuralstyle-batch-overhead-").FullName;
        string modelPath = Path.Combine(work, "half.safetensors");
        var architecture = new FastStyleArchitecture { Width = NetworkWidth.Half };
        using (var seeded = new FastStyleModel(TransformerNet.Initialize(architecture, 1), new FastStyleModelInfo { Architecture = architecture, StyleName = "seeded", TrainingSize = 256 }))
        {
            seeded.Save(modelPath);
        }

        var options = StylizeOptions.Default with { Size = 512 };
        using FastStyleModel model = FastStyleModel.Load(modelPath);
        model.StylizeFile(photos[0], Path.Combine(work, "warm.png"), options, overwrite: true);
        var bare = new List<double>();
        var batch = new List<double>();
        var skipped = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            string bareFolder = Path.Combine(work, $"bare{round}");
            var clock = Stopwatch.StartNew();
            foreach (string photo in photos)
            {
                model.StylizeFile(photo, Path.Combine(bareFolder, Path.GetFileNameWithoutExtension(photo) + ".png"), options);
            }

            bare.Add(clock.Elapsed.TotalMilliseconds / photos.Length);

            using FastStylizer stylizer = model.AsStylizer(options);
            BatchJob[] jobs = photos.Select((photo, i) => new BatchJob
            {
                Line = i + 1,
                Content = photo,
                Output = Path.Combine(work, $"batch{round}", Path.GetFileNameWithoutExtension(photo) + ".png"),
                Stylizer = stylizer,
            }).ToArray();
            BatchRunner runner = BatchRunner.Create(jobs);
            clock.Restart();
            BatchReport report = runner.RunAsync().GetAwaiter().GetResult();
            batch.Add(clock.Elapsed.TotalMilliseconds / photos.Length);
            if (report.Done != photos.Length)
            {
                throw new InvalidOperationException($"{report.Done} of {photos.Length} jobs done.");
            }

            clock.Restart();
            report = runner.RunAsync().GetAwaiter().GetResult();
            skipped.Add(clock.Elapsed.TotalMilliseconds / photos.Length);
            if (report.Skipped != photos.Length)
            {
                throw new InvalidOperationException($"{report.Skipped} of {photos.Length} jobs skipped on the rerun.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: bare {bare[^1]:F1} ms/job, batch {batch[^1]:F1} ms/job (model load excluded), rerun {skipped[^1]:F2} ms/job"));
        }

        double overhead = (batch.Min() / bare.Min()) - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{photos.Length} photos at 512 px, half width, 2 threads: bare min {bare.Min():F1} ms/job, batch min {batch.Min():F1} ms/job, overhead {overhead:P1} (goal <= 5 %); rerun (all skipped) {skipped.Min():F2} ms/job"));
        Directory.Delete(work, recursive: true);
    }
}
