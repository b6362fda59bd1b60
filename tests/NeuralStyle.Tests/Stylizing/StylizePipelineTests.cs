using NeuralStyle.Imaging;
using NeuralStyle.IO;
using NeuralStyle.Stylizing;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Tests.Stylizing;

/// <summary>The one pipeline: guard → load → stylise → encode → atomic write, with any stylizer.</summary>
public sealed class StylizePipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-pipeline-").FullName;

    private string File(string name) => Path.Combine(_folder, name);

    private string Photo(string name = "photo.png")
    {
        using Image<Rgb24> image = TestImages.Photo(40, 30);
        image.SaveAsPng(File(name));
        return File(name);
    }

    [Fact]
    public async Task A_photo_is_stylised_into_the_output_with_progress()
    {
        string photo = Photo();
        var stylizer = new TestStylizer();
        var fractions = new List<double>();
        await StylizePipeline.Default.StylizeFileAsync(stylizer, photo, File("out/result.jpg"), progress: new SynchronousProgress<StylizeProgress>(p => fractions.Add(p.Fraction)));
        using Image<Rgb24> result = Image.Load<Rgb24>(File("out/result.jpg"));
        using Image<Rgb24> original = Image.Load<Rgb24>(photo);
        Assert.Equal((40, 30), (result.Width, result.Height));
        Assert.True(Math.Abs(result[5, 5].R - (255 - original[5, 5].R)) < 8, "the output is the stylizer's (inverted) image");
        Assert.Equal([0.5, 1], fractions);
    }

    [Fact]
    public async Task Outputs_that_would_replace_an_input_or_an_existing_file_are_refused_before_any_work()
    {
        string photo = Photo();
        string model = File("model.bin");
        System.IO.File.WriteAllBytes(model, [1, 2, 3]);
        var stylizer = new TestStylizer("invert", (model, "model file"));

        OutputConflictException onPhoto = await Assert.ThrowsAsync<OutputConflictException>(() => StylizePipeline.Default.StylizeFileAsync(stylizer, photo, photo, overwrite: true));
        Assert.Contains("photo", onPhoto.Message, StringComparison.Ordinal);
        OutputConflictException onModel = await Assert.ThrowsAsync<OutputConflictException>(() => StylizePipeline.Default.StylizeFileAsync(stylizer, photo, model, overwrite: true));
        Assert.Contains("model file", onModel.Message, StringComparison.Ordinal);
        System.IO.File.WriteAllText(File("taken.png"), "mine");
        OutputExistsException taken = await Assert.ThrowsAsync<OutputExistsException>(() => StylizePipeline.Default.StylizeFileAsync(stylizer, photo, File("taken.png")));
        Assert.Contains("already exists", taken.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotSupportedException>(() => StylizePipeline.Default.StylizeFileAsync(stylizer, photo, File("out.gif")));
        await Assert.ThrowsAsync<FileNotFoundException>(() => StylizePipeline.Default.StylizeFileAsync(stylizer, File("missing.png"), File("out.png")));

        Assert.Equal(0, stylizer.Calls);
        Assert.Equal("mine", System.IO.File.ReadAllText(File("taken.png")));
        Assert.Equal([1, 2, 3], System.IO.File.ReadAllBytes(model));
    }

    [Fact]
    public async Task A_cancelled_stylisation_leaves_no_file()
    {
        string photo = Photo();
        using var cancel = new CancellationTokenSource();
        var stylizer = new TestStylizer { During = cancel.Cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StylizePipeline.Default.StylizeFileAsync(stylizer, photo, File("out/result.png"), cancellationToken: cancel.Token));
        Assert.Equal([photo], Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Render_decodes_with_the_pipelines_limits_and_encodes_in_the_format_asked()
    {
        string photo = Photo();
        var pipeline = new StylizePipeline(ImageLoadOptions.Default with { MaxPixels = 40 * 30 - 1 });
        await Assert.ThrowsAsync<ImageTooLargeException>(() => pipeline.RenderAsync(new TestStylizer(), ImageSource.FromFile(photo), ".png"));

        await using FileStream stream = System.IO.File.OpenRead(photo);
        byte[] webp = await StylizePipeline.Default.RenderAsync(new TestStylizer(), ImageSource.FromStream(stream), ".webp");
        Assert.Equal("WEBP", Image.DetectFormat(webp)!.Name.ToUpperInvariant());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
