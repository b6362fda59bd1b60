using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.Cli.Tests;

/// <summary>A temporary directory with a small content and style image.</summary>
public sealed class WorkDirectory : IDisposable
{
    public WorkDirectory()
    {
        Path = Directory.CreateTempSubdirectory("neuralstyle-cli-").FullName;
        using (Image content = DemoImages.Lakeside(72, 48))
        {
            content.SaveAsPng(Content);
        }

        using Image style = DemoImages.Swirls(64, 64);
        style.SaveAsPng(Style);
    }

    public string Path { get; }

    public string Content => System.IO.Path.Combine(Path, "content.png");

    public string Style => System.IO.Path.Combine(Path, "style.png");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
