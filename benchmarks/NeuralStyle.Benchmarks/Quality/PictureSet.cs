using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>
/// The quality benchmark's pictures: real photographs from Debian's <c>mate-backgrounds</c> package
/// (GPL-2+ nature photos; <c>apt-get install mate-backgrounds</c>), the three public-domain
/// paintings in <c>docs/images</c>, and the project's drawn styles; plus any <c>--pair CONTENT STYLE</c>.
/// </summary>
internal static class PictureSet
{
    /// <summary>Where <c>mate-backgrounds</c> installs its nature photos.</summary>
    public const string PhotoFolder = "/usr/share/backgrounds/mate/nature";

    /// <summary>The benchmark's pairs: photo (file name in <see cref="PhotoFolder"/>) and style (a painting in docs/images, or a drawn style).</summary>
    public static IReadOnlyList<(string Photo, string Style)> Pairs { get; } =
    [
        ("Dune", "starry_night"),
        ("Storm", "the_scream"),
        ("LadyBird", "shipwreck"),
        ("Garden", "starry_night"),
        ("Aqua", "the_scream"),
        ("TwoWings", "shipwreck"),
        ("YellowFlower", "swirls"),
        ("FreshFlower", "mosaic"),
    ];

    /// <summary>The first <paramref name="count"/> pairs at <paramref name="size"/> px longest side, then the extra ones.</summary>
    /// <exception cref="FileNotFoundException">A photo or painting is missing (the message says how to get it).</exception>
    public static List<QualityPair> Load(int size, string docs, int count, IReadOnlyList<(string Content, string Style)> extra)
    {
        var loader = new ImageLoader();
        var pairs = new List<QualityPair>();
        foreach ((string photo, string style) in Pairs.Take(count))
        {
            string path = Path.Combine(PhotoFolder, photo + ".jpg");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"'{path}' is missing: install the photos with `sudo apt-get install mate-backgrounds` (Debian and Ubuntu).", path);
            }

            pairs.Add(new QualityPair($"{photo} × {Title(style)}", Fit(loader, path, size), Style(loader, docs, style, size)));
        }

        foreach ((string content, string style) in extra)
        {
            pairs.Add(new QualityPair(
                $"{Path.GetFileNameWithoutExtension(content)} × {Path.GetFileNameWithoutExtension(style)}", Fit(loader, content, size), Fit(loader, style, size)));
        }

        return pairs;
    }

    private static Image<Rgb24> Style(ImageLoader loader, string docs, string name, int size) => name switch
    {
        "swirls" => DemoImages.Swirls(size, size),
        "mosaic" => DemoImages.Mosaic(size, size),
        _ => Fit(loader, Path.Combine(docs, "images", name + ".jpg"), size),
    };

    private static string Title(string style) => style switch
    {
        "starry_night" => "Starry Night",
        "the_scream" => "The Scream",
        "shipwreck" => "Shipwreck",
        _ => style + " (drawn)",
    };

    /// <summary>An image scaled to <paramref name="size"/> px on its longest side.</summary>
    private static Image<Rgb24> Fit(ImageLoader loader, string path, int size)
    {
        using TransferImage image = loader.Load(path);
        return image.Color.Clone(c => c.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Max, Sampler = KnownResamplers.Lanczos3 }));
    }
}
