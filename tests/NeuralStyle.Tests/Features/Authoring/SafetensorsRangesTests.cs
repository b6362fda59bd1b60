using NeuralStyle.Features.Authoring;

namespace NeuralStyle.Tests.Features.Authoring;

/// <summary>The one overlap rule of every .safetensors reader: each pair that shares bytes is named, empty and adjacent ranges are not.</summary>
public sealed class SafetensorsRangesTests
{
    [Fact]
    public void Each_pair_of_tensors_sharing_bytes_is_named_with_the_bytes_in_the_order_of_the_data()
    {
        (string, long, long)[] ranges = [("c", 300, 400), ("a", 0, 256), ("b", 200, 300), ("empty", 250, 250), ("d", 400, 400), ("e", 350, 360)];
        Assert.Equal(
            ["tensors 'a' and 'b' overlap in the data (bytes 200 to 256)", "tensors 'c' and 'e' overlap in the data (bytes 350 to 360)"],
            SafetensorsRanges.Overlaps(ranges));
        Assert.Empty(SafetensorsRanges.Overlaps([("a", 0, 256), ("b", 256, 512)]));
    }
}
