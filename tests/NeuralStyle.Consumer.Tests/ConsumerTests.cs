using NeuralStyle.Testing;
using SixLabors.ImageSharp;

namespace NeuralStyle.Consumer.Tests;

/// <summary>The packages and the tool, installed and used as a user would, outside the repository.</summary>
public sealed class ConsumerTests : IClassFixture<LocalFeed>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly LocalFeed _feed;

    public ConsumerTests(LocalFeed feed) => _feed = feed;

    [Fact]
    public void AFreshConsoleAppAddsThePackagesBuildsAndStylesAnImage()
    {
        string app = NewConsoleApp("StyleApp", ("NeuralStyle", _feed.Version), ("NeuralStyle.ResNet18", _feed.Version), ("libtorch-cpu-linux-x64", "2.10.0"));

        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using NeuralStyle.Imaging;
            using NeuralStyle.ResNet18;
            using NeuralStyle.Transfer;

            using var resnet = ResNet18FeatureExtractor.Load();
            StyleTransfer transfer = new StyleTransferBuilder()
                .WithFeatureExtractor(resnet)
                .WithContent(args[0])
                .AddStyle(args[1])
                .WithSize(OutputSize.LongestSide(64))
                .WithEvaluations(5)
                .Build();
            using StyleTransferResult result = transfer.Run();
            result.Save(args[2]);
            Console.WriteLine($"styled {result.Image.Width}x{result.Image.Height}");
            """);

        string output = Command.Succeed(app, Limit, "dotnet", "run", "-c", "Release", "--", "content.png", "style.png", "styled.png");

        Assert.Contains("styled 64x43", output, StringComparison.Ordinal);
        using (Image styled = Image.Load(Path.Combine(app, "styled.png")))
        {
            Assert.Equal((64, 43), (styled.Width, styled.Height));
        }

        string bin = Path.Combine(app, "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx")), "the ResNet18 model was not copied into the app's output");
        Assert.Empty(Directory.GetFiles(bin, "Microsoft.ML*.dll"));
    }

    [Fact]
    public void ABuiltInStylePaintsRightAfterAddPackageOffline()
    {
        string app = NewConsoleApp("StylesApp", ("NeuralStyle.Styles", _feed.Version), ("libtorch-cpu-linux-x64", "2.10.0"));

        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using NeuralStyle.FastStyle.Model;
            using NeuralStyle.Styles;

            using FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.TheScream);
            model.StylizeFile(args[0], args[1]);
            Console.WriteLine($"painted with {BuiltInStyles.NameOf(BuiltInStyle.TheScream)}, {model.Info.Steps} steps");
            """);

        string output = Command.Succeed(app, Limit, "dotnet", "run", "-c", "Release", "--", "content.png", "painted.png");
        Assert.Contains("painted with the-scream", output, StringComparison.Ordinal);
        using Image painted = Image.Load(Path.Combine(app, "painted.png"));
        Assert.Equal((96, 64), (painted.Width, painted.Height));
    }

    [Fact]
    public void TheStylesPackageCarriesEachStylesOnnxExportAsCommitted()
    {
        using System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed.Feed, $"NeuralStyle.Styles.{_feed.Version}.nupkg"));
        foreach (string name in new[] { "starry-night", "the-scream", "shipwreck" })
        {
            System.IO.Compression.ZipArchiveEntry entry = zip.GetEntry($"onnx/{name}.onnx") ?? throw new Xunit.Sdk.XunitException($"onnx/{name}.onnx is not in the package");
            Assert.InRange(entry.Length, 1, 2_000_000);
            using var packed = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(packed);
            }

            Assert.Equal(File.ReadAllBytes(Path.Combine(_feed.RepositoryRoot, "src", "NeuralStyle.Styles", "Models", name + ".onnx")), packed.ToArray());
        }
    }

    [Theory]
    [InlineData("linux-x64", "libLibTorchSharp.so", "libtorch_cpu.so")]
    [InlineData("win-x64", "LibTorchSharp.dll", "torch_cpu.dll")]
    [InlineData("osx-arm64", "libLibTorchSharp.dylib", "libtorch_cpu.dylib")]
    public void EachPlatformsToolPackageCarriesItsNativeLibrariesAndTheModel(string rid, string bridge, string torch)
    {
        string package = Path.Combine(_feed.Feed, $"NeuralStyle.Cli.{rid}.{_feed.Version}.nupkg");
        using System.IO.Compression.ZipArchive zip = System.IO.Compression.ZipFile.OpenRead(package);
        string[] files = zip.Entries.Select(e => e.FullName).ToArray();
        string tools = $"tools/net10.0/{rid}/";
        Assert.Contains(tools + bridge, files);
        Assert.Contains(tools + torch, files);
        Assert.Contains(tools + "DnnImageModels/ResNet18Onnx/ResNet18.onnx", files);
        Assert.Contains(tools + "DotnetToolSettings.xml", files);
        string[] foreign = [.. new[] { ".so", ".dll", ".dylib" }.Where(e => !torch.EndsWith(e, StringComparison.Ordinal))];
        Assert.DoesNotContain(files, f => f.Contains("torch_cpu", StringComparison.Ordinal) && foreign.Any(e => f.EndsWith(e, StringComparison.Ordinal)));
        Assert.DoesNotContain(files, f => f.StartsWith("content/", StringComparison.Ordinal) || f.StartsWith("runtimes/", StringComparison.Ordinal));

        using System.IO.Compression.ZipArchive pointer = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed.Feed, $"NeuralStyle.Cli.{_feed.Version}.nupkg"));
        using var settings = new StreamReader(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
        Assert.Contains($"Id=\"NeuralStyle.Cli.{rid}\"", settings.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheToolInstallsAndStylesAnImage()
    {
        string work = Path.Combine(_feed.Root, "tool");
        Directory.CreateDirectory(work);
        WriteNuGetConfig(work);
        WriteImages(work);
        string tools = Path.Combine(work, "tools");
        Command.Succeed(work, Limit, "dotnet", "tool", "install", "NeuralStyle.Cli", "--version", _feed.Version, "--tool-path", tools);
        string tool = Path.Combine(tools, "neural-style");

        string help = Command.Succeed(work, Limit, tool, "--help");
        Assert.Contains("--backbone", help, StringComparison.Ordinal);
        Command.Succeed(work, Limit, tool, "content.png", "style.png", "-o", "styled.png", "-s", "64", "-n", "3", "-q");

        using (Image styled = Image.Load(Path.Combine(work, "styled.png")))
        {
            Assert.Equal((64, 43), (styled.Width, styled.Height));
        }

        Assert.Contains("shipwreck", Command.Succeed(work, Limit, tool, "styles"), StringComparison.Ordinal);
        Command.Succeed(work, Limit, tool, "apply", "starry-night", "content.png", "-o", "painted.png", "-q");
        using Image painted = Image.Load(Path.Combine(work, "painted.png"));
        Assert.Equal((96, 64), (painted.Width, painted.Height));
    }

    /// <summary>A new console app outside the repository, with the local feed, the test images and <paramref name="packages"/> added.</summary>
    private string NewConsoleApp(string name, params (string Id, string Version)[] packages)
    {
        string app = Path.Combine(_feed.Root, name);
        Directory.CreateDirectory(app);
        WriteNuGetConfig(app);
        WriteImages(app);
        Command.Succeed(app, Limit, "dotnet", "new", "console", "--framework", "net10.0", "--name", name, "--output", ".");
        foreach ((string id, string version) in packages)
        {
            Command.Succeed(app, Limit, "dotnet", "add", "package", id, "--version", version);
        }

        return app;
    }

    private void WriteNuGetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{_feed.Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """);

    private static void WriteImages(string directory)
    {
        using (Image content = DemoImages.Lakeside(96, 64))
        {
            content.SaveAsPng(Path.Combine(directory, "content.png"));
        }

        using Image style = DemoImages.Swirls(64, 64);
        style.SaveAsPng(Path.Combine(directory, "style.png"));
    }
}
