using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Styles;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Cli.Tests.FastStyle;

/// <summary><c>train</c>, <c>apply</c> and <c>export</c> end to end, at 48 px with a quarter-width network.</summary>
public sealed class FastStyleCommandTests : IDisposable
{
    private readonly WorkDirectory _work = new();

    private string Photos()
    {
        string photos = _work.File("photos");
        Directory.CreateDirectory(photos);
        File.Copy(_work.Content, Path.Combine(photos, "lakeside.png"), overwrite: true);
        using Image image = TestImages.Photo(64, 56);
        image.SaveAsPng(Path.Combine(photos, "photo.png"));
        return photos;
    }

    private async Task<string> TrainAsync()
    {
        string model = _work.File("swirls.safetensors");
        CliRun run = await CliRun.RunAsync(
            "train", _work.Style, "--images", Photos(), "-o", model, "--crop-size", "48", "--steps", "3", "--batch", "2", "--width", "0.25", "--blocks", "1", "--threads", "2");
        Assert.True(run.Code == ExitCode.Success, run.Error);
        Assert.Contains("step 3/3", run.Out, StringComparison.Ordinal);
        Assert.Contains($"Wrote {model}", run.Out, StringComparison.Ordinal);
        return model;
    }

    [Fact]
    public async Task Train_names_the_image_limit_when_it_skips_every_photo()
    {
        string style = _work.File("small-style.png");
        using (Image small = TestImages.Photo(40, 40))
        {
            small.SaveAsPng(style);
        }

        string model = _work.File("limited.safetensors");
        CliRun run = await CliRun.RunAsync(
            "train", style, "--images", Photos(), "-o", model, "--crop-size", "32", "--steps", "1", "--batch", "1", "--width", "0.25", "--blocks", "1", "--max-pixels", "3000");

        Assert.NotEqual(ExitCode.Success, run.Code);
        Assert.Contains("None of the 2 photos could be decoded", run.Error, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 3000", run.Error, StringComparison.Ordinal);
        Assert.Contains("ImageLoadOptions.MaxPixels (--max-pixels)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public async Task Train_apply_and_export_work_end_to_end()
    {
        string model = await TrainAsync();
        string results = _work.File("results");
        string second = _work.File("second.png");
        File.Copy(_work.Content, second);
        CliRun apply = await CliRun.RunAsync("apply", model, _work.Content, second, "-o", results, "--strength", "0.8");
        Assert.True(apply.Code == ExitCode.Success, apply.Error);
        foreach (string name in new[] { "content.png", "second.png" })
        {
            using Image image = Image.Load(Path.Combine(results, name));
            Assert.Equal((72, 48), (image.Width, image.Height));
        }

        string onnx = _work.File("swirls.onnx");
        CliRun export = await CliRun.RunAsync("export", model, "-o", onnx, "--json");
        Assert.True(export.Code == ExitCode.Success, export.Error);
        Assert.Contains("\"event\":\"wrote\"", export.Out, StringComparison.Ordinal);
        using var session = new InferenceSession(onnx);
        Assert.Equal("style", session.ModelMetadata.CustomMetadataMap["style"]);

        CliRun again = await CliRun.RunAsync("export", model, "-o", onnx);
        Assert.Equal(ExitCode.InvalidInput, again.Code);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_refuses_a_broken_model_and_an_input_as_output()
    {
        string broken = _work.File("broken.safetensors");
        File.WriteAllBytes(broken, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        CliRun run = await CliRun.RunAsync("apply", broken, _work.Content, "-o", _work.File("out.png"));
        Assert.Equal(ExitCode.InvalidInput, run.Code);
        Assert.True(run.Error.Contains("truncated", StringComparison.Ordinal), run.Error);
        Assert.False(File.Exists(_work.File("out.png")));

        CliRun same = await CliRun.RunAsync("apply", broken, _work.Content, "-o", _work.Content, "--overwrite");
        Assert.Equal(ExitCode.Usage, same.Code);
        Assert.Contains("is the photo", same.Error, StringComparison.Ordinal);

        CliRun missing = await CliRun.RunAsync("apply", _work.File("none.safetensors"), _work.Content, "-o", _work.File("out.png"));
        Assert.Equal(ExitCode.InvalidInput, missing.Code);
    }

    [Fact]
    public async Task No_command_overwrites_its_own_input_or_takes_a_folder_for_a_file()
    {
        string model = _work.File("model.safetensors");
        using (FastStyleModel seeded = BuiltInStyles.Load(BuiltInStyle.Shipwreck))
        {
            seeded.Save(model);
        }

        byte[] before = File.ReadAllBytes(model);
        string link = _work.File("link.safetensors");
        File.CreateSymbolicLink(link, model);
        foreach (string[] args in new[]
        {
            new[] { "export", model, "-o", model, "-f" },
            ["export", model, "-o", link, "-f"],
            ["apply", model, _work.Content, "-o", model, "-f"],
        })
        {
            CliRun run = await CliRun.RunAsync(args);
            Assert.True(run.Code == ExitCode.Usage, $"{string.Join(' ', args)}: exit {run.Code}: {run.Error}");
            Assert.Contains("is the model file", run.Error, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(model));
        }

        string folder = _work.File("folder");
        Directory.CreateDirectory(folder);
        CliRun asModel = await CliRun.RunAsync("apply", folder, _work.Content, "-o", _work.File("out.png"));
        Assert.Equal(ExitCode.InvalidInput, asModel.Code);
        Assert.Contains("is a folder, not a file", asModel.Error, StringComparison.Ordinal);
        CliRun asTarget = await CliRun.RunAsync("export", model, "-o", folder, "-f");
        Assert.Equal(ExitCode.Usage, asTarget.Code);
        Assert.Contains("is a folder", asTarget.Error, StringComparison.Ordinal);

        string second = _work.File("second.png");
        File.Copy(_work.Content, second);
        CliRun two = await CliRun.RunAsync("apply", model, _work.Content, second, "-o", _work.File("single.png"));
        Assert.Equal(ExitCode.Usage, two.Code);
        Assert.Contains("names one file but 2 photos were given", two.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.File("single.png")));
    }

    [Fact]
    public async Task Train_never_replaces_a_photo_or_an_earlier_runs_checkpoint_unasked()
    {
        string photos = Photos();
        string photo = Path.Combine(photos, "photo.png");
        byte[] photoBytes = File.ReadAllBytes(photo);
        string[] tiny = ["--crop-size", "48", "--steps", "1", "--batch", "1", "--width", "0.25", "--blocks", "1", "--threads", "1"];

        CliRun asModel = await CliRun.RunAsync(["train", _work.Style, "--images", photos, "-o", photo, "-f", .. tiny]);
        Assert.True(asModel.Code == ExitCode.Usage, asModel.Error);
        Assert.Contains("is the training photo", asModel.Error, StringComparison.Ordinal);
        CliRun asCheckpoint = await CliRun.RunAsync(["train", _work.Style, "--images", photos, "-o", _work.File("m1.safetensors"), "--checkpoint", photo, "--checkpoint-every", "1", "-f", .. tiny]);
        Assert.True(asCheckpoint.Code == ExitCode.Usage, asCheckpoint.Error);
        Assert.Contains("is the training photo", asCheckpoint.Error, StringComparison.Ordinal);
        Assert.Equal(photoBytes, File.ReadAllBytes(photo));

        // An earlier run's checkpoint: refused without --resume or -f, before any training.
        string model = _work.File("restarted.safetensors");
        string checkpoint = _work.File("restarted.checkpoint.safetensors");
        File.WriteAllBytes(checkpoint, [7, 7, 7]);
        CliRun restart = await CliRun.RunAsync(["train", _work.Style, "--images", photos, "-o", model, "--checkpoint-every", "1", .. tiny]);
        Assert.True(restart.Code == ExitCode.Usage, restart.Error);
        Assert.Contains($"--checkpoint: The checkpoint '{checkpoint}' already exists", restart.Error, StringComparison.Ordinal);
        Assert.Contains("(resume), allow it to be replaced (overwrite)", restart.Error, StringComparison.Ordinal);
        Assert.Equal([7, 7, 7], File.ReadAllBytes(checkpoint));
        Assert.False(File.Exists(model));

        CliRun replaced = await CliRun.RunAsync(["train", _work.Style, "--images", photos, "-o", model, "--checkpoint-every", "1", "-f", .. tiny]);
        Assert.True(replaced.Code == ExitCode.Success, replaced.Error);
        using FastStyleModel fresh = FastStyleModel.Load(checkpoint);
        Assert.Equal(1, fresh.Info.Steps);
    }

    [Fact]
    public async Task Train_help_says_which_defaults_the_recipe_changes()
    {
        CliRun help = await CliRun.RunAsync("train", "--help");
        Assert.True(help.Code == ExitCode.Success, help.Error);
        foreach (string option in new[] { "--steps", "--crop-size", "--width", "--blocks", "--content-weight", "--tv-weight", "--seed" })
        {
            string line = help.Out.Split('\n').Single(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.Contains("(--recipe built-in and warm-start set their own: see --recipe.)", line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("set their own", help.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--batch ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_reports_bad_settings_and_a_missing_folder()
    {
        CliRun bad = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", _work.File("m.safetensors"), "--steps", "0", "--width", "0.3");
        Assert.Equal(ExitCode.Usage, bad.Code);
        Assert.Contains("Unknown --width '0.3': use 1, 0.5, 0.25.", bad.Error, StringComparison.Ordinal);

        CliRun blankLayer = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", _work.File("m.safetensors"), "--content-layer", " ");
        Assert.Equal(ExitCode.Usage, blankLayer.Code);
        Assert.Contains("--content-layer must be a name (got '')", blankLayer.Error, StringComparison.Ordinal);

        CliRun steps = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", _work.File("m.safetensors"), "--steps", "0");
        Assert.Equal(ExitCode.Usage, steps.Code);
        Assert.Contains("--steps: FastStyleTrainingSettings.Steps must be a whole number of at least 1", steps.Error, StringComparison.Ordinal);

        CliRun missing = await CliRun.RunAsync("train", _work.Style, "--images", _work.File("nowhere"), "-o", _work.File("m.safetensors"));
        Assert.Equal(ExitCode.InvalidInput, missing.Code);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("m.safetensors")));
    }

    [Fact]
    public async Task Built_in_styles_are_listed_and_named_wherever_a_model_goes()
    {
        CliRun list = await CliRun.RunAsync("styles", "--json");
        Assert.True(list.Code == ExitCode.Success, list.Error);
        string[] events = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, events.Length);
        Assert.All(events, e => Assert.StartsWith("{\"event\":\"style\"", e, StringComparison.Ordinal));
        Assert.Contains("\"name\":\"the-scream\"", events[1], StringComparison.Ordinal);
        Assert.Contains("Munch", events[1], StringComparison.Ordinal);

        string painted = _work.File("painted.png");
        CliRun apply = await CliRun.RunAsync("apply", "starry-night", _work.Content, "-o", painted);
        Assert.True(apply.Code == ExitCode.Success, apply.Error);
        using (Image image = Image.Load(painted))
        {
            Assert.Equal((72, 48), (image.Width, image.Height));
        }

        CliRun unknown = await CliRun.RunAsync("apply", "mona-lisa", _work.Content, "-o", _work.File("x.png"));
        Assert.Equal(ExitCode.InvalidInput, unknown.Code);
        Assert.Contains("'mona-lisa' is neither a built-in style (starry-night, the-scream, shipwreck) nor an existing model file", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("x.png")));

        string manifest = _work.File("named.jsonl");
        File.WriteAllLines(manifest, [$"{{\"content\": \"{_work.Content}\", \"model\": \"the-scream\", \"output\": \"named/a.png\"}}"]);
        CliRun batch = await CliRun.RunAsync("batch", manifest);
        Assert.True(batch.Code == ExitCode.Success, batch.Error);
        Assert.True(File.Exists(_work.File("named/a.png")));
        CliRun again = await CliRun.RunAsync("batch", manifest, "--json");
        Assert.Contains("\"state\":\"skipped\"", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_recolours_in_the_graph_at_the_palette_asked_for_and_refuses_one_out_of_range()
    {
        string recoloured = _work.File("recoloured.onnx"), own = _work.File("own.onnx"), refused = _work.File("refused.onnx");
        CliRun byDefault = await CliRun.RunAsync("export", "shipwreck", "-o", recoloured);
        CliRun none = await CliRun.RunAsync("export", "shipwreck", "-o", own, "--palette", "0");
        Assert.True(byDefault.Code == ExitCode.Success && none.Code == ExitCode.Success, byDefault.Error + none.Error);
        Assert.True(new FileInfo(own).Length < new FileInfo(recoloured).Length, "--palette 0 exports the network without the palette's nodes");

        using Image<Rgb24> photo = Image.Load<Rgb24>(_work.Content);
        using FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.Shipwreck);
        using Image<Rgb24> painted = model.Stylize(photo), network = model.Stylize(photo, StylizeOptions.Default with { PaletteShare = 0 });
        Assert.True(LevelsApart(recoloured, photo, painted) <= 1, "the default export paints what Stylize paints by default");
        Assert.True(LevelsApart(own, photo, network) <= 1, "--palette 0 paints the network's own colours");
        Assert.True(LevelsApart(own, photo, painted) > 4, "the palette should change the colours");

        CliRun bad = await CliRun.RunAsync("export", "shipwreck", "-o", refused, "--palette", "2");
        Assert.Equal(ExitCode.Usage, bad.Code);
        Assert.Contains("--palette", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(refused));
    }

    /// <summary>The most levels by which ONNX Runtime's result of <paramref name="onnx"/> on <paramref name="photo"/> is from <paramref name="expected"/>.</summary>
    private static int LevelsApart(string onnx, Image<Rgb24> photo, Image<Rgb24> expected)
    {
        using var session = new InferenceSession(onnx);
        var planes = new DenseTensor<float>([1, 3, photo.Height, photo.Width]);
        for (int y = 0; y < photo.Height; y++)
        {
            for (int x = 0; x < photo.Width; x++)
            {
                (planes[0, 0, y, x], planes[0, 1, y, x], planes[0, 2, y, x]) = (photo[x, y].R / 255f, photo[x, y].G / 255f, photo[x, y].B / 255f);
            }
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("image", planes)]);
        Tensor<float> actual = results.Single().AsTensor<float>();
        int worst = 0;
        for (int y = 0; y < photo.Height; y++)
        {
            for (int x = 0; x < photo.Width; x++)
            {
                Rgb24 e = expected[x, y];
                foreach ((int channel, byte level) in new[] { (0, e.R), (1, e.G), (2, e.B) })
                {
                    worst = Math.Max(worst, Math.Abs(level - (int)Math.Round(Math.Clamp(actual[0, channel, y, x], 0f, 1f) * 255)));
                }
            }
        }

        return worst;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public async Task Ctrl_C_during_training_exits_130_and_keeps_the_last_checkpoint(int interruptAfter)
    {
        string model = _work.File("interrupted.safetensors");
        string checkpoint = _work.File("interrupted.checkpoint.safetensors");
        string output = _work.File("out.jsonl"), error = _work.File("err.txt");
        using Process child = CliChild.StartWritingTo(
            output,
            error,
            ["train", _work.Style, "--images", Photos(), "-o", model, "--crop-size", "48", "--steps", "500", "--batch", "2", "--width", "0.25", "--blocks", "1",
                "--threads", "1", "--checkpoint-every", "2", "--json"]);
        try
        {
            var waited = Stopwatch.StartNew();
            while (TrainingSteps(output) < interruptAfter && !child.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            Assert.False(child.HasExited, $"training ended before step {interruptAfter}: {ReadShared(error)}");
            CliChild.Interrupt(child);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await child.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        string message = ReadShared(error);
        Assert.True(child.ExitCode == (int)ExitCode.Cancelled, $"exit {child.ExitCode}: {message}");
        Assert.Contains("Training was cancelled after step", message, StringComparison.Ordinal);
        Assert.Contains("was kept intact", message, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
        using FastStyleModel kept = FastStyleModel.Load(checkpoint);
        Assert.True(kept.Info.Steps >= interruptAfter - 1 && kept.Info.Steps % 2 == 0, $"checkpoint at step {kept.Info.Steps}");
        Assert.Contains($"(step {kept.Info.Steps}) was kept intact", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_runs_the_cpus_own_kernels()
    {
        // Training used to cap oneDNN at AVX2 on AVX-512 CPUs; the one convolution whose input gradient
        // the AVX-512 kernels get wrong now takes another route (ConvolutionGradientTests), so no cap.
        string output = _work.File("verbose.txt"), error = _work.File("verbose-err.txt");
        using Process child = CliChild.StartWritingTo(
            output,
            error,
            ["train", _work.Style, "--images", Photos(), "-o", _work.File("isa.safetensors"), "--crop-size", "48", "--steps", "1", "--batch", "1", "--width", "0.25", "--blocks", "1", "-q"],
            ("ONEDNN_VERBOSE", "1"),
            ("ONEDNN_MAX_CPU_ISA", null));
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, ReadShared(error));
        string isa = ReadShared(output).Split('\n').First(l => l.Contains(",isa:", StringComparison.Ordinal));
        Assert.Contains(System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "isa:Intel AVX-512" : "isa:Intel AVX2", isa, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bfloat16")]
    [InlineData("float32")]
    public async Task Train_computes_in_the_precision_asked(string precision)
    {
        string model = _work.File($"{precision}.safetensors");
        CliRun run = await CliRun.RunAsync(
            "train", _work.Style, "--images", Photos(), "-o", model, "--crop-size", "48", "--steps", "1", "--batch", "1", "--width", "0.25", "--blocks", "1", "--precision", precision);
        Assert.True(run.Code == ExitCode.Success, run.Error);
        using FastStyleModel trained = FastStyleModel.Load(model);
        bool low = precision == "bfloat16";
        Assert.Equal(low, trained.Info.TrainingSettings.Contains("precision=bfloat16", StringComparison.Ordinal));
        Assert.Equal("ResNet18", trained.Info.LossNetwork); // float32 either way: a bfloat16 loss network costs content kept
    }

    [Fact]
    public async Task An_unknown_precision_lists_the_known_ones()
    {
        CliRun run = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", _work.File("p.safetensors"), "--precision", "half");
        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("Unknown --precision 'half'", run.Error, StringComparison.Ordinal);
        Assert.Contains("bfloat16", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("p.safetensors")));
    }

    private static int TrainingSteps(string output) =>
        File.Exists(output) ? ReadShared(output).Split('\n').Count(l => l.StartsWith("{\"event\":\"training\"", StringComparison.Ordinal)) : 0;

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Train_from_a_model_uses_its_architecture_and_refuses_another()
    {
        string first = await TrainAsync();
        string warm = _work.File("warm.safetensors");
        CliRun run = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", warm, "--from", first, "--crop-size", "48", "--steps", "2", "--batch", "2", "--threads", "2");
        Assert.True(run.Code == ExitCode.Success, run.Error);
        using (FastStyleModel model = FastStyleModel.Load(warm))
        {
            Assert.Equal(("0.25", 1), (model.Architecture.WidthText, model.Architecture.ResidualBlocks));
            Assert.Contains("from=style@3", model.Info.TrainingSettings, StringComparison.Ordinal);
        }

        CliRun foreign = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", _work.File("x.safetensors"), "--from", first, "--width", "0.5", "--steps", "2");
        Assert.Equal(ExitCode.Usage, foreign.Code);
        Assert.Contains("network of width 0.25 with 1 residual block", foreign.Error, StringComparison.Ordinal);
        Assert.Contains("--width 0.25 --blocks 1", foreign.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("x.safetensors")));
    }

    [Theory]
    [InlineData(null, "seed=1 content-weight=4 style-weight=40 tv-weight=120 ")]
    [InlineData("warm-start", "seed=1 content-weight=4 style-weight=40 tv-weight=120 ")]
    [InlineData("built-in", "seed=1 content-weight=6 style-weight=40 tv-weight=120 ")]
    [InlineData("default", "seed=0 content-weight=1 style-weight=40 tv-weight=40 ")]
    [InlineData("--content-weight=5", "seed=1 content-weight=5 style-weight=40 tv-weight=120 ")]
    public async Task Train_from_a_built_in_style_takes_the_warm_start_recipe_unless_told(string? given, string expected)
    {
        string model = _work.File("own.safetensors");
        string[] extra = given is null ? [] : given.StartsWith("--", StringComparison.Ordinal) ? given.Split('=') : ["--recipe", given];
        CliRun run = await CliRun.RunAsync(
            ["train", _work.Style, "--images", Photos(), "-o", model, "--from", "starry-night", "--crop-size", "48", "--steps", "1", "--batch", "1", "--threads", "2", .. extra]);
        Assert.True(run.Code == ExitCode.Success, run.Error);
        using FastStyleModel trained = FastStyleModel.Load(model);
        Assert.All(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), setting => Assert.Contains($" {setting} ", trained.Info.TrainingSettings, StringComparison.Ordinal));
        Assert.Equal(("1", 1), (trained.Architecture.WidthText, trained.Architecture.ResidualBlocks));
    }

    [Fact]
    public async Task The_built_in_recipe_trains_the_built_in_shape_from_scratch()
    {
        string model = _work.File("built-in.safetensors");
        CliRun run = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", model, "--recipe", "built-in", "--crop-size", "48", "--steps", "1", "--batch", "1", "--threads", "2");
        Assert.True(run.Code == ExitCode.Success, run.Error);
        using FastStyleModel trained = FastStyleModel.Load(model);
        Assert.Equal(("1", 1), (trained.Architecture.WidthText, trained.Architecture.ResidualBlocks));
        Assert.DoesNotContain("from=", trained.Info.TrainingSettings, StringComparison.Ordinal);
        Assert.DoesNotContain("precision=", trained.Info.TrainingSettings, StringComparison.Ordinal); // float32, as the built-in styles were
    }

    [Theory]
    [InlineData("--recipe", "warm-start", "--recipe warm-start is a warm start's recipe: add --from")]
    [InlineData("--recipe", "fast", "Unknown --recipe 'fast': use default, built-in, warm-start.")]
    public async Task A_recipe_that_cannot_apply_is_refused(string option, string value, string expected)
    {
        CliRun run = await CliRun.RunAsync("train", _work.Style, "--images", Photos(), "-o", _work.File("r.safetensors"), option, value);
        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("r.safetensors")));
    }

    public void Dispose() => _work.Dispose();
}
