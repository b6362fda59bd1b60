using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralStyle.Benchmarks.Quality;

/// <summary>A content and a style image scored together.</summary>
internal sealed record QualityPair(string Name, Image<Rgb24> Content, Image<Rgb24> Style) : IDisposable
{
    public void Dispose()
    {
        Content.Dispose();
        Style.Dispose();
    }
}
