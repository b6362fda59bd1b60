using System.Buffers.Binary;
using NeuralStyle.FastStyle.Model;
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Styles;
using NeuralStyle.Testing;
using Xunit.Abstractions;

namespace NeuralStyle.Reliability.Tests.Fuzzing;

/// <summary>
/// Bounded fuzzing of the readers of untrusted bytes in the library: model files and images, from
/// valid seeds through <see cref="StructuredMutator"/> with fixed seeds. Every mutant loads or fails
/// with the reader's typed error, and no case allocates more than a bound. (Manifests are fuzzed in
/// the command's tests, uploads through the web service's.)
/// </summary>
public sealed class UntrustedBytesFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 300;
    private const long AllocationBound = 64L << 20;

    [Fact]
    public void Mutated_model_files_load_or_fail_with_InvalidWeightsException()
    {
        byte[] original = ModelBytes();
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        var outcomes = new FuzzOutcomes();
        for (int seed = 0; seed < Cases; seed++)
        {
            var mutator = new StructuredMutator(seed);

            // Half the mutants change only the header (the JSON the reader trusts least), half anywhere.
            byte[] mutant = seed % 2 == 0 ? [.. mutator.Mutate(original[..headerEnd]), .. original.AsSpan(headerEnd)] : mutator.Mutate(original);
            outcomes.Run(seed, () =>
            {
                using var stream = new MemoryStream(mutant);
                using FastStyleModel model = FastStyleModel.Load(stream, $"mutant {seed}");
            }, typeof(InvalidWeightsException));
        }

        Assert.Equal(Cases, outcomes.Count);
        output.WriteLine($"model files: {outcomes}");
        Assert.True(outcomes.MostAllocated < AllocationBound, outcomes.ToString());
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("webp")]
    [InlineData("gif")]
    public void Mutated_images_load_or_fail_with_the_loaders_errors(string format)
    {
        byte[] original = BrokenImages.Encode(format);
        var loader = new ImageLoader(new ImageLoadOptions { MaxPixels = 4_000_000, AllocationLimitMegabytes = 64 });
        var outcomes = new FuzzOutcomes();
        for (int seed = 0; seed < Cases / 2; seed++)
        {
            byte[] mutant = new StructuredMutator(10_000 + seed).Mutate(original);
            outcomes.Run(seed, () =>
            {
                using TransferImage image = loader.Load(new MemoryStream(mutant));
                Assert.InRange((long)image.Width * image.Height, 1, 4_000_000);
            }, typeof(InvalidImageException), typeof(ImageTooLargeException));
        }

        output.WriteLine($"{format}: {outcomes}");
        Assert.True(outcomes.MostAllocated < AllocationBound, outcomes.ToString());
    }

    [Fact]
    public void A_compressed_text_bomb_mutated_never_inflates()
    {
        byte[] original = HostileImages.PngWithTextBomb(24, 16, 64 << 20);
        var outcomes = new FuzzOutcomes();
        for (int seed = 0; seed < 40; seed++)
        {
            byte[] mutant = new StructuredMutator(20_000 + seed).Mutate(original);
            outcomes.Run(seed, () =>
            {
                using TransferImage image = new ImageLoader().Load(new MemoryStream(mutant));
            }, typeof(InvalidImageException), typeof(ImageTooLargeException));
        }

        Assert.True(outcomes.MostAllocated < AllocationBound, outcomes.ToString());
    }

    private static byte[] ModelBytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"neuralstyle-fuzz-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (FastStyleModel model = BuiltInStyles.Load(BuiltInStyle.Shipwreck))
            {
                model.Save(path);
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
