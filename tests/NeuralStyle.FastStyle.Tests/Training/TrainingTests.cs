using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;

namespace NeuralStyle.FastStyle.Tests.Training;

/// <summary>Training at 48 px crops with a quarter-width, two-block network and the real ResNet18.</summary>
[Collection(FastStyleCollection.Name)]
public sealed class TrainingTests(FastStyleFixture fixture)
{
    private static FastStyleTrainingSettings Tiny { get; } = FastStyleTrainingSettings.Default with
    {
        Architecture = TestModels.Small,
        Size = 48,
        BatchSize = 2,
        Steps = 8,
        LearningRate = 5e-3,
        Seed = 3,
    };

    private FastStyleTrainerBuilder Builder(FastStyleTrainingSettings settings, string? photos = null) => new FastStyleTrainerBuilder()
        .WithContentImages(photos ?? fixture.Photos)
        .WithStyle(fixture.Style)
        .WithExtractor(fixture.Extractor)
        .WithSettings(settings);

    private static (List<TrainingProgress> Steps, FastStyleModel Model) Train(FastStyleTrainer trainer, CancellationToken cancellationToken = default)
    {
        var steps = new List<TrainingProgress>();
        FastStyleModel model = trainer.Train(new SynchronousProgress<TrainingProgress>(steps.Add), cancellationToken);
        return (steps, model);
    }

    [Fact]
    public void The_loss_falls_over_a_few_dozen_steps()
    {
        (List<TrainingProgress> steps, FastStyleModel model) = Train(Builder(Tiny with { Steps = 40 }).Build());
        using (model)
        {
            double first = steps.Take(5).Average(s => s.Loss.Total);
            double last = steps.TakeLast(5).Average(s => s.Loss.Total);
            Assert.True(last < 0.8 * first, $"mean loss of the first 5 steps {first:G4}, of the last 5 {last:G4}");
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), steps.Select(s => s.Step));
            Assert.All(steps, s => Assert.True(s.ImagesPerSecond > 0));
            Assert.Equal(40, model.Info.Steps);
            Assert.Equal("swirls", model.Info.StyleName);
            Assert.Equal("ResNet18", model.Info.LossNetwork);

            // The style's palette, as the loss saw the style (at the crop size), is recorded.
            using TransferImage style = new ImageLoader().Load(fixture.Style);
            using TransferImage sized = style.Resize(OutputSize.LongestSide(Tiny.Size));
            Assert.Equal(ColorPalette.Of(sized.Color), model.Info.Palette);
        }
    }

    [Fact]
    public void Bfloat16_training_learns_and_records_its_precision_and_float32_trains_as_before()
    {
        (List<TrainingProgress> steps, FastStyleModel model) = Train(Builder(Tiny with { Steps = 40, Precision = TrainingPrecision.BFloat16 }).Build());
        using (model)
        {
            double first = steps.Take(5).Average(s => s.Loss.Total);
            double last = steps.TakeLast(5).Average(s => s.Loss.Total);
            Assert.True(last < 0.8 * first, $"mean loss of the first 5 steps {first:G4}, of the last 5 {last:G4}");
            Assert.Contains("precision=bfloat16", model.Info.TrainingSettings, StringComparison.Ordinal);
            Assert.All(model.Network.Parameters, p => Assert.Equal(TorchSharp.torch.ScalarType.Float32, p.Value.dtype));
        }

        FastStyleTrainer float32 = Builder(Tiny with { Steps = 1, Precision = TrainingPrecision.Float32 }).Build();
        Assert.Equal(TrainingPrecision.Float32, float32.Precision);
        (_, FastStyleModel plain) = Train(float32);
        using (plain)
        {
            // float32 was the only arithmetic before the setting: its records (and resume keys) are unchanged.
            Assert.DoesNotContain("precision", plain.Info.TrainingSettings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Auto_precision_is_bfloat16_exactly_where_the_cpu_has_it()
    {
        TrainingPrecision expected = NeuralStyle.Runtime.NativeBFloat16.IsSupported(TorchSharp.torch.CPU) ? TrainingPrecision.BFloat16 : TrainingPrecision.Float32;
        Assert.Equal(TrainingPrecision.Auto, FastStyleTrainingSettings.Default.Precision);
        Assert.Equal(expected, FastStyleTrainingSettings.Default.PrecisionOn(TorchSharp.torch.CPU));
        Assert.Equal(expected, Builder(Tiny).Build().Precision);
        Assert.Equal(TrainingPrecision.Float32, (Tiny with { Precision = TrainingPrecision.Float32 }).PrecisionOn(TorchSharp.torch.CPU));
        Assert.Equal(TrainingPrecision.BFloat16, (Tiny with { Precision = TrainingPrecision.BFloat16 }).PrecisionOn(TorchSharp.torch.CPU));
    }

    [Fact]
    public void A_resumed_run_reproduces_the_uninterrupted_runs_losses_exactly()
    {
        string folder = fixture.NewFolder();
        (List<TrainingProgress> whole, FastStyleModel wholeModel) = Train(Builder(Tiny).Build());
        string checkpoint = Path.Combine(folder, "run.checkpoint.safetensors");
        (_, FastStyleModel firstHalf) = Train(Builder(Tiny with { Steps = 4, CheckpointEvery = 4 }).WithCheckpoint(checkpoint).Build());
        firstHalf.Dispose();
        (List<TrainingProgress> resumed, FastStyleModel resumedModel) = Train(Builder(Tiny with { CheckpointEvery = 4 }).WithCheckpoint(checkpoint, resume: true).Build());
        using (wholeModel)
        using (resumedModel)
        {
            Assert.Equal([5L, 6, 7, 8], resumed.Select(s => s.Step));
            Assert.Equal(whole.Skip(4).Select(s => s.Loss), resumed.Select(s => s.Loss));
            string a = Path.Combine(folder, "a.safetensors"), b = Path.Combine(folder, "b.safetensors");
            wholeModel.Save(a);
            resumedModel.Save(b);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        }
    }

    [Fact]
    public void A_checkpoint_of_another_precision_is_refused_naming_the_difference()
    {
        string checkpoint = Path.Combine(fixture.NewFolder(), "run.checkpoint.safetensors");
        (_, FastStyleModel first) = Train(Builder(Tiny with { Steps = 2, CheckpointEvery = 2, Precision = TrainingPrecision.Float32 }).WithCheckpoint(checkpoint).Build());
        first.Dispose();

        FastStyleTrainer other = Builder(Tiny with { Steps = 4, CheckpointEvery = 2, Precision = TrainingPrecision.BFloat16 }).WithCheckpoint(checkpoint, resume: true).Build();
        InvalidWeightsException error = Assert.Throws<InvalidWeightsException>(() => Train(other));
        Assert.Contains("it has precision=float32; this run has precision=bfloat16.", error.Message, StringComparison.Ordinal);

        // Auto resumes in the checkpoint's precision, whatever the CPU would pick for a new run.
        FastStyleTrainer auto = Builder(Tiny with { Steps = 4, CheckpointEvery = 2, Precision = TrainingPrecision.Auto }).WithCheckpoint(checkpoint, resume: true).Build();
        Assert.Equal(TrainingPrecision.Float32, auto.Precision);
        (List<TrainingProgress> resumed, FastStyleModel model) = Train(auto);
        using (model)
        {
            Assert.Equal([3L, 4], resumed.Select(s => s.Step));
        }
    }

    [Fact]
    public void Cancelling_mid_step_leaves_the_last_checkpoint_loadable()
    {
        string folder = fixture.NewFolder();
        string checkpoint = Path.Combine(folder, "run.checkpoint.safetensors");
        using var cancel = new CancellationTokenSource();
        var recording = new RecordingExtractor(fixture.Extractor);
        // One extraction for the style target, then two per step (outputs, inputs): cancel inside step 5, which completes; step 6 never starts.
        int calls = 0;
        recording.BeforeExtract = () =>
        {
            if (++calls == 1 + (2 * 4) + 1)
            {
                cancel.Cancel();
            }
        };
        FastStyleTrainer trainer = Builder(Tiny with { Steps = 20, CheckpointEvery = 2 })
            .WithExtractor(recording)
            .WithCheckpoint(checkpoint)
            .Build();
        var steps = new List<TrainingProgress>();
        TrainingCancelledException cancelled = Assert.Throws<TrainingCancelledException>(() => trainer.Train(new SynchronousProgress<TrainingProgress>(steps.Add), cancel.Token));
        Assert.Equal(5, steps.Count);
        Assert.Equal((checkpoint, 4L), (cancelled.Checkpoint, cancelled.CheckpointStep));
        Assert.Contains("after step 5", cancelled.Message, StringComparison.Ordinal);
        Assert.Contains("(step 4) was kept intact", cancelled.Message, StringComparison.Ordinal);
        using (FastStyleModel model = FastStyleModel.Load(checkpoint))
        {
            Assert.Equal(4, model.Info.Steps);
        }

        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        (List<TrainingProgress> resumed, FastStyleModel resumedModel) = Train(Builder(Tiny with { Steps = 6, CheckpointEvery = 2 }).WithCheckpoint(checkpoint, resume: true).Build());
        resumedModel.Dispose();
        Assert.Equal([5L, 6], resumed.Select(s => s.Step));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(1e30f)]
    public void A_bad_gradient_updates_nothing_and_never_reaches_the_checkpoint(float bad)
    {
        string folder = fixture.NewFolder();
        string checkpoint = Path.Combine(folder, "run.checkpoint.safetensors");
        FastStyleTrainer trainer = Builder(Tiny with { Steps = 8, CheckpointEvery = 2 }).WithCheckpoint(checkpoint).Build();
        byte[]? afterStep4 = null;
        string poisoned = NetworkPlan.Parameters(Tiny.Architecture)[3].Key;
        trainer.GradientsComputed = (step, gradients) =>
        {
            if (step == 5)
            {
                gradients[3].view(-1)[0] = TorchSharp.torch.tensor(bad);
            }
        };
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step == 4)
            {
                afterStep4 = File.ReadAllBytes(checkpoint);
            }
        });
        StyleTransferDivergedException diverged = Assert.Throws<StyleTransferDivergedException>(() => trainer.Train(progress));
        Assert.Contains("At step 5 the gradient of '" + poisoned + "'", diverged.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was updated", diverged.Message, StringComparison.Ordinal);
        Assert.Contains("(step 4) was kept intact", diverged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lower the learning rate", diverged.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(afterStep4, File.ReadAllBytes(checkpoint));
        using FastStyleModel kept = FastStyleModel.Load(checkpoint);
        Assert.Equal(4, kept.Info.Steps);
    }

    [Theory]
    [InlineData(TrainingPrecision.Float32)]
    [InlineData(TrainingPrecision.BFloat16)]
    public void The_same_seed_and_threads_give_bit_identical_model_files(TrainingPrecision precision)
    {
        string folder = fixture.NewFolder();
        string[] files = [Path.Combine(folder, "a.safetensors"), Path.Combine(folder, "b.safetensors")];
        foreach (string file in files)
        {
            (_, FastStyleModel model) = Train(Builder(Tiny with { Steps = 4, Precision = precision }).Build());
            using (model)
            {
                model.Save(file);
            }
        }

        Assert.Equal(File.ReadAllBytes(files[0]), File.ReadAllBytes(files[1]));
        (_, FastStyleModel other) = Train(Builder(Tiny with { Steps = 4, Seed = Tiny.Seed + 1, Precision = precision }).Build());
        using (other)
        {
            string third = Path.Combine(folder, "c.safetensors");
            other.Save(third);
            Assert.NotEqual(File.ReadAllBytes(files[0]), File.ReadAllBytes(third));
        }
    }

    [Fact]
    public void A_warm_start_begins_from_the_given_models_weights()
    {
        (_, FastStyleModel first) = Train(Builder(Tiny with { Steps = 4 }).Build());
        using (first)
        {
            // A learning rate too small to move a weight: the result is the initial model itself.
            (List<TrainingProgress> steps, FastStyleModel warm) = Train(Builder(Tiny with { Steps = 1, LearningRate = 1e-12 }).WithInitialModel(first).Build());
            using (warm)
            {
                for (int i = 0; i < first.Network.Parameters.Count; i++)
                {
                    double difference = (first.Network.Parameters[i].Value - warm.Network.Parameters[i].Value).abs().max().item<float>();
                    Assert.True(difference < 1e-6, $"{first.Network.Parameters[i].Key} moved by {difference}");
                }

                Assert.Contains("from=swirls@4", warm.Info.TrainingSettings, StringComparison.Ordinal);
                Assert.Single(steps);
            }
        }
    }

    [Fact]
    public void A_warm_start_from_another_architecture_is_refused_with_the_fix()
    {
        using FastStyleModel half = TestModels.Seeded(architecture: new FastStyleArchitecture { Width = NetworkWidth.Half, ResidualBlocks = 2 });
        AssertRefused(
            () => Builder(Tiny).WithInitialModel(half).Build(),
            TrainingSetting.InitialModel,
            "network of width 0.5 with 2 residual blocks",
            "(FastStyleArchitecture.Width = 0.5, FastStyleArchitecture.ResidualBlocks = 2)");
    }

    [Fact]
    public void An_unreadable_photo_is_skipped_and_reported()
    {
        string photos = fixture.NewFolder();
        foreach (string file in Directory.GetFiles(fixture.Photos))
        {
            File.Copy(file, Path.Combine(photos, Path.GetFileName(file)));
        }

        File.WriteAllBytes(Path.Combine(photos, "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5]);
        (List<TrainingProgress> steps, FastStyleModel model) = Train(Builder(Tiny with { Steps = 4 }, photos).Build());
        model.Dispose();
        Assert.Equal(4, steps.Count);
        Assert.Equal(1, steps[^1].SkippedImages);
    }

    [Fact]
    public void An_existing_checkpoint_is_resumed_or_replaced_only_when_asked_and_never_an_input()
    {
        string checkpoint = Path.Combine(fixture.NewFolder(), "run.checkpoint.safetensors");
        File.WriteAllBytes(checkpoint, [1, 2, 3]);
        FastStyleTrainingSettings settings = Tiny with { Steps = 2, CheckpointEvery = 1 };

        AssertRefused(() => Builder(settings).WithCheckpoint(checkpoint).Build(), TrainingSetting.CheckpointFile, "already exists", "Resume from it");
        Assert.Equal([1, 2, 3], File.ReadAllBytes(checkpoint));
        Assert.NotNull(Builder(settings).WithCheckpoint(checkpoint, overwrite: true).Build());

        string photo = Directory.EnumerateFiles(fixture.Photos).First();
        AssertRefused(() => Builder(settings).WithCheckpoint(photo, overwrite: true).Build(), TrainingSetting.CheckpointFile, "is the training photo", "never overwritten");
        AssertRefused(() => Builder(settings).WithCheckpoint(fixture.Style, resume: true).Build(), TrainingSetting.CheckpointFile, "is the style image");
    }

    [Fact]
    public void A_photo_smaller_than_the_network_takes_is_named_at_build()
    {
        string photos = fixture.NewFolder();
        using (var dot = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(1, 1))
        {
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(dot, Path.Combine(photos, "dot.png"));
        }

        AssertRefused(() => Builder(Tiny with { Steps = 2 }, photos).Build(), TrainingSetting.Images, "smaller than 16 px a side", "dot.png");
    }

    [Fact]
    public void A_folder_without_a_readable_photo_fails_with_the_reason()
    {
        string photos = fixture.NewFolder();
        File.WriteAllBytes(Path.Combine(photos, "broken.png"), [1, 2, 3]);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => Train(Builder(Tiny with { Steps = 2 }, photos).Build()));
        Assert.Contains("None of the 1 photos could be decoded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_given_as_the_folder_of_photos_is_called_a_file()
    {
        string file = Directory.GetFiles(fixture.Photos)[0];
        StyleTransferConfigurationException error = Assert.Throws<StyleTransferConfigurationException>(() => Builder(Tiny, file).Build());
        Assert.Contains("is a file, not a folder", Assert.Single(error.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_lists_every_problem_with_its_setting()
    {
        var settings = Tiny with
        {
            Size = 8,
            Steps = 0,
            BatchSize = 0,
            LearningRate = double.NaN,
            CheckpointEvery = 5,
            Architecture = Tiny.Architecture with { ResidualBlocks = 0 },
            Objective = Tiny.Objective with { NormalizeGradients = true },
            Precision = (TrainingPrecision)42,
        };
        StyleTransferConfigurationException error = Assert.Throws<StyleTransferConfigurationException>(() => new FastStyleTrainerBuilder()
            .WithContentImages(Path.Combine(fixture.Root, "missing"))
            .WithStyle(Path.Combine(fixture.Root, "missing.png"))
            .WithSettings(settings)
            .Build());
        Setting[] expected =
        [
            TrainingSetting.Size, TrainingSetting.Steps, TrainingSetting.BatchSize, TrainingSetting.LearningRate, TrainingSetting.Checkpoint,
            TrainingSetting.ResidualBlocks, Setting.NormalizeGradients, TrainingSetting.Images, Setting.StyleImage, Setting.FeatureExtractor, TrainingSetting.Precision,
        ];
        Assert.Equal(expected.OrderBy(s => s.Name, StringComparer.Ordinal), error.Problems.Select(p => p.Setting).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("missing", StringComparison.Ordinal) && p.Setting == TrainingSetting.Images);

        // The fix names what a user can call: the extractor's public factory, not its private constructor.
        ConfigurationProblem extractor = error.Problems.Single(p => p.Setting == Setting.FeatureExtractor);
        Assert.Contains("ResNet18FeatureExtractor.Load()", extractor.ToString(), StringComparison.Ordinal);
        Assert.Null(typeof(ResNet18.ResNet18FeatureExtractor).GetConstructor(Type.EmptyTypes));
    }

    [Fact]
    public void A_style_with_a_mask_or_a_bad_weight_is_refused_by_the_one_style_input_check()
    {
        string painting = Path.Combine(fixture.Root, "missing.png");
        StyleTransferConfigurationException error = Assert.Throws<StyleTransferConfigurationException>(() => new FastStyleTrainerBuilder()
            .WithContentImages(Path.Combine(fixture.Root, "missing"))
            .WithStyle(StyleInput.FromFile(painting, weight: -1, maskPath: painting))
            .Build());
        Assert.Contains(error.Problems, p => p.Setting == Setting.StyleMask && p.Message.Contains("paints the whole photo", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Setting == Setting.StyleBlendWeight && p.Message.Contains("must be a finite number greater than 0 (got -1)", StringComparison.Ordinal));
    }

    /// <summary>Building is refused with exactly one problem, about <paramref name="setting"/>, whose text says each of <paramref name="says"/>.</summary>
    private static void AssertRefused(Action build, Setting setting, params string[] says)
    {
        StyleTransferConfigurationException refused = Assert.Throws<StyleTransferConfigurationException>(build);
        ConfigurationProblem problem = Assert.Single(refused.Problems);
        Assert.Equal(setting, problem.Setting);
        Assert.All(says, said => Assert.Contains(said, problem.ToString(), StringComparison.Ordinal));
    }
}
