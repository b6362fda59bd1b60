using NeuralStyle.ResNet18;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.FastStyle.Tests;

/// <summary>
/// What the training tests share: the real ResNet18 (the loss network) and a folder of small
/// photos drawn in code, plus a style image. Nothing is read from outside the project.
/// </summary>
public sealed class FastStyleFixture : IDisposable
{
    public FastStyleFixture()
    {
        Directory.CreateDirectory(Photos);
        DemoImages.Lakeside(96, 80).SaveAsPng(Path.Combine(Photos, "lakeside.png"));
        TestImages.Photo(80, 96).SaveAsJpeg(Path.Combine(Photos, "photo.jpg"));
        DemoImages.StillLife(90, 90).SaveAsPng(Path.Combine(Photos, "nested-still-life.png"));
        DemoImages.Swirls(64, 64).SaveAsPng(Style);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "neuralstyle-faststyle-" + Guid.NewGuid().ToString("N"));

    public string Photos => Path.Combine(Root, "photos");

    public string Style => Path.Combine(Root, "swirls.png");

    public ResNet18FeatureExtractor Extractor { get; } = ResNet18FeatureExtractor.Load();

    /// <summary>A fresh empty folder under the fixture's root.</summary>
    public string NewFolder()
    {
        string folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        Extractor.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class FastStyleCollection : ICollectionFixture<FastStyleFixture>
{
    public const string Name = "fast style";
}
