using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Runtime;
using NeuralStyle.Styles;

namespace NeuralStyle.Samples;

/// <summary>The snippets of docs/fast-style.md.</summary>
public static class FastStyleUsage
{
    public static async Task TrainAsync(CancellationToken cancellationToken)
    {
        #region fast-style-train
        using var resnet = ResNet18FeatureExtractor.Load();              // the loss network, frozen
        FastStyleTrainer trainer = new FastStyleTrainerBuilder()
            .WithContentImages("photos/")                                // every image file under it
            .WithStyle("starry_night.jpg")
            .WithExtractor(resnet)
            .WithSettings(FastStyleTrainingSettings.Default with
            {
                Architecture = FastStyleArchitecture.Default with { Width = NetworkWidth.Half },
                Steps = 2000,
                CheckpointEvery = 100,
            })
            .WithCheckpoint("starry_night.checkpoint.safetensors", resume: true)  // continues where a killed run stopped
            .Build();                                                    // every setting checked here, once
        var progress = new Progress<TrainingProgress>(p => Console.WriteLine($"{p.Step}/{p.TotalSteps} loss {p.Loss.Total:G4} {p.ImagesPerSecond:F1} img/s"));
        using FastStyleModel model = await trainer.TrainAsync(progress, cancellationToken);
        model.Save("starry_night.safetensors");
        model.ExportOnnx("starry_night.onnx");                           // dynamic height and width, opset 13
        #endregion
    }

    public static async Task OwnStyleAsync(CancellationToken cancellationToken)
    {
        #region own-style
        using var resnet = ResNet18FeatureExtractor.Load();
        using FastStyleModel starry = BuiltInStyles.Load(BuiltInStyle.StarryNight);
        FastStyleTrainer trainer = new FastStyleTrainerBuilder()
            .WithContentImages("photos/")
            .WithStyle("my_painting.jpg")
            .WithExtractor(resnet)
            .WithInitialModel(starry)                                    // a warm start from a built-in style
            .WithSettings(BuiltInRecipes.WarmStart)                      // its recipe: 300 steps, about 2 minutes on 2 cores
            .Build();
        using FastStyleModel mine = await trainer.TrainAsync(progress: null, cancellationToken);
        mine.Save("my_style.safetensors");
        #endregion
    }

    public static void Apply()
    {
        #region fast-style-apply
        using FastStyleModel model = FastStyleModel.Load("starry_night.safetensors");   // keys, shapes, values checked
        model.StylizeFile("photo.jpg", "styled.png");
        using TransferImage frame = new ImageLoader().Load("frame.png");
        using TransferImage soft = model.Stylize(frame, StylizeOptions.Default with { Strength = 0.6, ColorPreservation = NeuralStyle.Configuration.ColorPreservation.LuminanceOnly });
        #endregion
        soft.Color.Dispose();
    }

    public static void BuiltIn()
    {
        #region built-in-styles
        NativeAllocation.TryEnableHugePages();   // first thing in Main: large activations on huge pages (the built-in styles run 3x faster here)
        using FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.StarryNight);   // embedded: offline, nothing to download
        model.StylizeFile("photo.jpg", "starry.png");
        foreach (BuiltInStyleInfo style in BuiltInStyles.All)
        {
            Console.WriteLine($"{style.Name}: {style.Painting}, {style.Training}");
        }

        using FastStyleModel chosen = BuiltInStyles.LoadModel("the-scream");          // a name or a model file, as the CLI reads it
        #endregion
    }
}
