using NeuralStyle.Engine;
using NeuralStyle.IO;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace NeuralStyle.Tests.Imaging;

public sealed class ImagingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("neuralstyle-imaging-").FullName;
    private readonly ImageLoader _loader = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Each_limit_out_of_range_is_its_own_problem_in_its_description_s_words()
    {
        var problems = new NeuralStyle.Configuration.ProblemList();
        (ImageLoadOptions.Default with { MaxPixels = 0, MaxStreamBytes = -1 }).Validate(problems);

        Assert.Equal([ImageLoadSetting.MaxPixels, ImageLoadSetting.MaxStreamBytes], problems.Items.Select(p => p.Setting));
        Assert.StartsWith("ImageLoadOptions.MaxPixels must be a whole number of at least 1 (got 0).", problems.Items[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("ImageLoadOptions.MaxStreamBytes must be a whole number of at least 1 (got -1).", problems.Items[1].ToString(), StringComparison.Ordinal);
        var none = new NeuralStyle.Configuration.ProblemList();
        ImageLoadOptions.Default.Validate(none);
        Assert.True(none.IsEmpty);
    }

    [Fact]
    public void ImageToTensorAndBackIsExact()
    {
        using Image<Rgb24> image = TestImages.Photo(37, 23);
        using torch.Tensor tensor = ImageTensor.FromImage(image);
        Assert.Equal(new long[] { 1, 3, 23, 37 }, tensor.shape);
        Assert.InRange(tensor.min().ToSingle(), 0f, 1f);
        Assert.Equal(image[5, 7].G / 255f, tensor[0, 1, 7, 5].ToSingle(), 6);
        using Image<Rgb24> back = ImageTensor.ToImage(tensor);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                Assert.Equal(image[x, y], back[x, y]);
            }
        }
    }

    [Fact]
    public void GrayscalePalette16BitAndAlphaImagesBecomeRgbWithAlphaKept()
    {
        string gray = Save(new Image<L8>(8, 6, new L8(100)), "gray.png");
        string deep = Save(new Image<Rgb48>(8, 6, new Rgb48(65535, 0, 32768)), "deep.png");
        string palette = Path.Combine(_directory, "palette.png");
        using (Image<Rgb24> photo = TestImages.Photo(8, 6))
        {
            photo.Save(palette, new PngEncoder { ColorType = PngColorType.Palette });
        }

        var rgba = new Image<Rgba32>(8, 6, new Rgba32(10, 20, 30, 255));
        rgba[2, 3] = new Rgba32(10, 20, 30, 40);
        string alpha = Save(rgba, "alpha.png");

        using (TransferImage image = _loader.Load(gray))
        {
            Assert.Equal(new Rgb24(100, 100, 100), image.Color[1, 1]);
            Assert.Null(image.Alpha);
        }

        using (TransferImage image = _loader.Load(deep))
        {
            Assert.Equal(new Rgb24(255, 0, 128), image.Color[0, 0]);
        }

        using (TransferImage image = _loader.Load(palette))
        {
            Assert.Equal(8, image.Width);
            Assert.Null(image.Alpha);
        }

        using (TransferImage image = _loader.Load(alpha))
        {
            Assert.NotNull(image.Alpha);
            Assert.Equal(40, image.Alpha![2, 3].PackedValue);
            Assert.Equal(255, image.Alpha[0, 0].PackedValue);
            string output = Path.Combine(_directory, "alpha-out.png");
            ImageWriter.Save(image, output, overwrite: true);
            using Image<Rgba32> reloaded = Image.Load<Rgba32>(output);
            Assert.Equal(new Rgba32(10, 20, 30, 40), reloaded[2, 3]);
        }
    }

    [Fact]
    public void StreamsAreReadEvenWhenTheyCannotSeek()
    {
        byte[] png = PngBytes(TestImages.Photo(12, 9));
        using var stream = ForwardOnlyStream.Over(new MemoryStream(png));
        using TransferImage image = _loader.Load(stream);
        Assert.Equal((12, 9), (image.Width, image.Height));
        using var tooLong = ForwardOnlyStream.Over(new MemoryStream(png));
        Assert.Throws<ImageTooLargeException>(() => new ImageLoader(new ImageLoadOptions { MaxStreamBytes = 100 }).Load(tooLong));
    }

    [Fact]
    public void ExifOrientationIsApplied()
    {
        using var image = new Image<Rgb24>(20, 10, new Rgb24(200, 10, 10));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        string path = Path.Combine(_directory, "rotated.jpg");
        image.Save(path, new JpegEncoder());
        using TransferImage loaded = _loader.Load(path);
        Assert.Equal(10, loaded.Width);
        Assert.Equal(20, loaded.Height);
    }

    [Fact]
    public void CorruptEmptyAndNonImageFilesFailClearly()
    {
        string empty = Path.Combine(_directory, "empty.png");
        File.WriteAllBytes(empty, []);
        string text = Path.Combine(_directory, "text.jpg");
        File.WriteAllText(text, "not an image at all");
        byte[] png = PngBytes(TestImages.Photo(64, 64));
        string truncated = Path.Combine(_directory, "truncated.png");
        File.WriteAllBytes(truncated, png[..(png.Length / 3)]);

        Assert.Contains("empty", Assert.Throws<InvalidImageException>(() => _loader.Load(empty)).Message, StringComparison.Ordinal);
        Assert.Contains("not in a supported format", Assert.Throws<InvalidImageException>(() => _loader.Load(text)).Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", Assert.Throws<InvalidImageException>(() => _loader.Load(truncated)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => _loader.Load(Path.Combine(_directory, "missing.png")));
    }

    [Fact]
    public void AHeaderDeclaringHugeDimensionsIsRefusedBeforeDecoding()
    {
        byte[] png = PngBytes(new Image<Rgb24>(1, 1));
        // IHDR data starts at byte 16: width, height (big endian), then the chunk CRC at 29.
        WriteBigEndian(png, 16, 20000);
        WriteBigEndian(png, 20, 20000);
        WriteBigEndian(png, 29, PngCrc.Compute(png.AsSpan(12, 17)));
        string path = Path.Combine(_directory, "bomb.png");
        File.WriteAllBytes(path, png);

        var error = Assert.Throws<ImageTooLargeException>(() => new ImageLoader(new ImageLoadOptions { MaxPixels = 50_000_000 }).Load(path));
        Assert.Contains("20000x20000", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPixels", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ICCP")]
    [InlineData("EXIF")]
    [InlineData("XMP ")]
    public void A_webp_metadata_chunk_declaring_more_than_the_file_is_refused_before_it_is_allocated(string chunk)
    {
        byte[] webp = HostileImages.WebpWithMetadataBomb(chunk, 0x7FFF_FF00);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var identify = Assert.Throws<InvalidImageException>(() => _loader.Identify(new MemoryStream(webp), out _));
        var load = Assert.Throws<InvalidImageException>(() => _loader.Load(new MemoryStream(webp)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.All([identify.Message, load.Message], message => Assert.Contains($"'{chunk}' chunk declares 2147483392 bytes but only 0 follow", message, StringComparison.Ordinal));
        Assert.True(allocated < 16 << 20, $"a {webp.Length}-byte WebP allocated {allocated / 1048576.0:F1} MB");
    }

    [Fact]
    public void A_whole_webp_with_metadata_loads()
    {
        using var image = TestImages.Photo(40, 30);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Software, "NeuralStyle tests");
        using var stream = new MemoryStream();
        image.SaveAsWebp(stream, new SixLabors.ImageSharp.Formats.Webp.WebpEncoder { FileFormat = SixLabors.ImageSharp.Formats.Webp.WebpFileFormatType.Lossless });

        stream.Position = 0;
        Assert.NotNull(_loader.Identify(stream, out SixLabors.ImageSharp.Formats.IImageFormat? format));
        Assert.Equal("Webp", format!.Name);
        stream.Position = 0;
        using TransferImage loaded = _loader.Load(stream);
        Assert.Equal((40, 30), (loaded.Width, loaded.Height));

        // A simple (VP8L) file with bytes after its RIFF length: ImageSharp ignores them, and so does the check.
        using var simple = new MemoryStream();
        using (var plain = TestImages.Photo(40, 30))
        {
            plain.SaveAsWebp(simple, new SixLabors.ImageSharp.Formats.Webp.WebpEncoder { FileFormat = SixLabors.ImageSharp.Formats.Webp.WebpFileFormatType.Lossless });
        }

        Assert.Equal("VP8L", System.Text.Encoding.ASCII.GetString(simple.ToArray(), 12, 4));
        simple.Write("trailing junk"u8);
        simple.Position = 0;
        using TransferImage trailed = _loader.Load(simple);
        Assert.Equal((40, 30), (trailed.Width, trailed.Height));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_compressed_text_bomb_in_a_png_is_never_inflated(bool international)
    {
        const int inflated = 256 << 20;
        byte[] png = HostileImages.PngWithTextBomb(32, 24, inflated, international);
        Assert.True(png.Length < inflated / 500, $"the bomb is {png.Length} bytes on disk");
        long before = GC.GetAllocatedBytesForCurrentThread();
        using TransferImage loaded = _loader.Load(new MemoryStream(png));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((32, 24), (loaded.Width, loaded.Height));
        Assert.True(allocated < 16 << 20, $"decoding a {png.Length}-byte PNG allocated {allocated / 1048576.0:F1} MB (its text inflates to {inflated >> 20} MB)");
    }

    [Fact]
    public void Identify_reads_a_header_under_the_limits_without_inflating_a_text_bomb()
    {
        const int inflated = 256 << 20;
        byte[] png = HostileImages.PngWithTextBomb(32, 24, inflated);
        long before = GC.GetAllocatedBytesForCurrentThread();
        SixLabors.ImageSharp.IImageInfo? info = _loader.Identify(new MemoryStream(png), out SixLabors.ImageSharp.Formats.IImageFormat? format);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((32, 24), (info!.Width, info.Height));
        Assert.Equal("PNG", format!.Name);
        Assert.True(allocated < 16 << 20, $"identifying a {png.Length}-byte PNG allocated {allocated / 1048576.0:F1} MB (its text inflates to {inflated >> 20} MB)");
        Assert.Null(_loader.Identify(new MemoryStream("not an image"u8.ToArray()), out format));
        Assert.Null(format);
    }

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.jpg")]
    [InlineData("out.webp")]
    public void SavingIsAtomicAndRespectsOverwrite(string name)
    {
        string path = Path.Combine(_directory, name);
        using var image = new TransferImage(TestImages.Photo(16, 12));
        ImageWriter.Save(image, path);
        Assert.Equal(16, Image.Identify(path).Width);
        Assert.Single(Directory.GetFiles(_directory));
        Assert.Throws<OutputExistsException>(() => ImageWriter.Save(image, path, overwrite: false));
        ImageWriter.Save(image, path, overwrite: true);
        Assert.Single(Directory.GetFiles(_directory));
        Assert.Throws<NotSupportedException>(() => ImageWriter.Save(image, Path.Combine(_directory, "out.gif")));
    }

    [Fact]
    public void OutputSizesKeepTheAspectRatio()
    {
        Assert.Equal((533, 400), OutputSize.Height(400).Apply(1024, 768));
        Assert.Equal((512, 384), OutputSize.LongestSide(512).Apply(1024, 768));
        Assert.Equal((300, 512), OutputSize.LongestSide(512).Apply(600, 1024));
        Assert.Equal((7, 9), OutputSize.Original.Apply(7, 9));
        using var image = new TransferImage(TestImages.Photo(40, 20));
        using TransferImage resized = image.Resize(OutputSize.Height(10));
        Assert.Equal((20, 10), (resized.Width, resized.Height));
    }

    private string Save<TPixel>(Image<TPixel> image, string name)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        string path = Path.Combine(_directory, name);
        using (image)
        {
            image.Save(path);
        }

        return path;
    }

    private static byte[] PngBytes(Image<Rgb24> image)
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.SaveAsPng(stream);
            return stream.ToArray();
        }
    }

    private static void WriteBigEndian(byte[] bytes, int offset, uint value)
    {
        bytes[offset] = (byte)(value >> 24);
        bytes[offset + 1] = (byte)(value >> 16);
        bytes[offset + 2] = (byte)(value >> 8);
        bytes[offset + 3] = (byte)value;
    }
}
