using TorchSharp;

namespace NeuralStyle.Features;

/// <summary>
/// Per-channel affine input normalisation: optional RGB to BGR reordering, scaling of [0, 1]
/// values, then subtraction of a mean and division by a standard deviation per channel (both
/// given in the network's channel order).
/// </summary>
public sealed class ChannelNormalization : IInputNormalization, IEquatable<ChannelNormalization>
{
    private readonly double[] _mean;
    private readonly double[] _std;

    /// <summary>Creates a normalisation.</summary>
    /// <param name="reverseChannels">True for networks that expect BGR input (Caffe-converted weights).</param>
    /// <param name="scale">Factor applied to [0, 1] values first (1 or 255).</param>
    /// <param name="mean">Per-channel mean in the network's channel order, after scaling.</param>
    /// <param name="std">Per-channel standard deviation in the network's channel order, after scaling.</param>
    public ChannelNormalization(bool reverseChannels, double scale, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != 3 || std.Count != 3)
        {
            throw new ArgumentException("Mean and standard deviation need exactly 3 values, one per colour channel.");
        }

        if (std.Any(s => !(s > 0)) || !(scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(std), "Scale and every standard deviation must be positive.");
        }

        ReverseChannels = reverseChannels;
        Scale = scale;
        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>
    /// torchvision's ImageNet normalisation: RGB in [0, 1], mean (0.485, 0.456, 0.406),
    /// std (0.229, 0.224, 0.225). Matches torchvision's pretrained VGG19.
    /// </summary>
    public static ChannelNormalization Torchvision { get; } =
        new(reverseChannels: false, scale: 1, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]);

    /// <summary>
    /// Caffe / Keras <c>preprocess_input</c> normalisation: BGR, 0-255, minus
    /// (103.939, 116.779, 123.68). Matches Caffe-converted VGG19 weights and the Keras example.
    /// </summary>
    public static ChannelNormalization Caffe { get; } =
        new(reverseChannels: true, scale: 255, mean: [103.939, 116.779, 123.68], std: [1, 1, 1]);

    /// <summary>No change: the tensor is already network input.</summary>
    public static ChannelNormalization Identity { get; } =
        new(reverseChannels: false, scale: 1, mean: [0, 0, 0], std: [1, 1, 1]);

    /// <summary>True when RGB input is reordered to BGR.</summary>
    public bool ReverseChannels { get; }

    /// <summary>Factor applied to [0, 1] input before the mean is subtracted.</summary>
    public double Scale { get; }

    /// <summary>Per-channel mean in the network's channel order.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Per-channel standard deviation in the network's channel order.</summary>
    public IReadOnlyList<double> StandardDeviation => _std;

    /// <summary>Whether <paramref name="other"/> maps RGB to the same network input (same order, scale, means and deviations).</summary>
    public bool Equals(ChannelNormalization? other) =>
        other is not null && ReverseChannels == other.ReverseChannels && Scale.Equals(other.Scale) && _mean.SequenceEqual(other._mean) && _std.SequenceEqual(other._std);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChannelNormalization other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ReverseChannels, Scale, _mean[0], _mean[1], _mean[2], _std[0], _std[1], _std[2]);

    /// <inheritdoc />
    public torch.Tensor Normalize(torch.Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var scope = torch.NewDisposeScope();
        torch.Tensor ordered = ReverseChannels ? rgb.flip(1) : rgb;
        torch.Tensor factor = ChannelVector(_std.Select(s => Scale / s).ToArray(), rgb);
        torch.Tensor shift = ChannelVector(_mean.Zip(_std, (m, s) => m / s).ToArray(), rgb);
        return (ordered * factor - shift).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Denormalize(torch.Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = torch.NewDisposeScope();
        torch.Tensor std = ChannelVector(_std.Select(s => s / Scale).ToArray(), input);
        torch.Tensor mean = ChannelVector(_mean.Select(m => m / Scale).ToArray(), input);
        torch.Tensor rgb = input * std + mean;
        return (ReverseChannels ? rgb.flip(1) : rgb).MoveToOuterDisposeScope();
    }

    private static torch.Tensor ChannelVector(double[] values, torch.Tensor like) =>
        torch.tensor(values, dtype: like.dtype, device: like.device).view(1, 3, 1, 1);
}
