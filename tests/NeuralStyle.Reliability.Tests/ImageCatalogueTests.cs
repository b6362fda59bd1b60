using System.Diagnostics;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;

namespace NeuralStyle.Reliability.Tests;

/// <summary>Broken, hostile and unusual images: the exact exception, a message naming the problem, never a crash or a hang.</summary>
public sealed class ImageCatalogueTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("neuralstyle-images-").FullName;
    private readonly ImageLoader _loader = new(new ImageLoadOptions { MaxPixels = 50_000_000 });

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void TruncatedFilesOfEveryFormatAreCorruptOrTruncated(string format)
    {
        byte[] full = BrokenImages.Encode(format);
        string path = Write($"truncated.{format}", full[..(full.Length / 2)]);
        var error = Assert.Throws<InvalidImageException>(() => _loader.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZeroByteFileIsEmpty()
    {
        string path = Write("empty.png", []);
        Assert.Contains("empty", Assert.Throws<InvalidImageException>(() => _loader.Load(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.jpg", "these are not pixels")]
    [InlineData("script.png", "#!/bin/sh\nrm -rf /\n")]
    public void NonImageFilesAreNotInASupportedFormat(string name, string content)
    {
        string path = Write(name, System.Text.Encoding.UTF8.GetBytes(content));
        Assert.Contains("not in a supported format", Assert.Throws<InvalidImageException>(() => _loader.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APngHeaderDeclaringHugeDimensionsIsRefusedBeforeDecoding()
    {
        string path = Write("bomb.png", BrokenImages.PngClaiming(30000));
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<ImageTooLargeException>(() => _loader.Load(path));
        Assert.Contains("30000x30000", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPixels", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "refusing a decompression bomb must not decode it");
    }

    [Fact]
    public void AGifDeclaringAHugeScreenIsRefusedOrUnreadableNeverDecoded()
    {
        string path = Write("bomb.gif", BrokenImages.GifClaimingHugeScreen());
        Exception error = Assert.ThrowsAny<Exception>(() => _loader.Load(path));
        Assert.True(error is ImageTooLargeException or InvalidImageException, $"{error.GetType().Name}: {error.Message}");
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(_directory, "nowhere.png");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => _loader.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamLongerThanItsLimitIsRefused()
    {
        using var stream = new MemoryStream(BrokenImages.Encode("png"));
        var loader = new ImageLoader(new ImageLoadOptions { MaxStreamBytes = 100 });
        Assert.Contains("MaxStreamBytes", Assert.Throws<ImageTooLargeException>(() => loader.Load(ForwardOnlyStream.Over(stream))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png", 0)]
    [InlineData("jpg", 1000)]
    [InlineData("gif", 2000)]
    [InlineData("webp", 3000)]
    public void HundredsOfMutatedFilesLoadOrFailCleanlyWithoutHanging(string format, int firstSeed)
    {
        byte[] original = BrokenImages.Encode(format);
        var outcomes = new Dictionary<string, int>();
        var watch = Stopwatch.StartNew();
        for (int seed = firstSeed; seed < firstSeed + 75; seed++)
        {
            using var stream = new MemoryStream(BrokenImages.Mutate(original, seed));
            string outcome;
            try
            {
                using TransferImage image = _loader.Load(stream);
                Assert.InRange(image.Width * image.Height, 1, 50_000_000);
                outcome = "loaded";
            }
            catch (Exception e) when (e is InvalidImageException or ImageTooLargeException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                outcome = e.GetType().Name;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"75 mutated {format} files took {watch.Elapsed}");
        Assert.Equal(75, outcomes.Values.Sum());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
