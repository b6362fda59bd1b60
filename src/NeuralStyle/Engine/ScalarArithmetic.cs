using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// Tensor arithmetic with a number, the number held until libtorch has read it. TorchSharp turns a
/// number into a native <see cref="Scalar"/> implicitly and does not keep that object alive during the
/// call, so the garbage collector can finalize it (freeing the native value) while libtorch still
/// reads it: a run failed with <c>INTERNAL ASSERT FAILED at c10/core/Scalar.h</c> in <c>pow</c>. Every
/// number this library passes to a tensor operation goes through these (or a <c>using Scalar</c>).
/// </summary>
public static class ScalarArithmetic
{
    /// <summary><c>tensor * factor</c>.</summary>
    public static torch.Tensor Times(this torch.Tensor tensor, double factor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = factor.ToScalar();
        return tensor.mul(value);
    }

    /// <summary><c>tensor *= factor</c>, in place.</summary>
    public static torch.Tensor Times_(this torch.Tensor tensor, double factor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = factor.ToScalar();
        return tensor.mul_(value);
    }

    /// <summary><c>tensor / divisor</c>.</summary>
    public static torch.Tensor DividedBy(this torch.Tensor tensor, double divisor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = divisor.ToScalar();
        return tensor.div(value);
    }

    /// <summary><c>tensor + addend</c>.</summary>
    public static torch.Tensor Plus(this torch.Tensor tensor, double addend)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = addend.ToScalar();
        return tensor.add(value);
    }

    /// <summary><c>tensor += addend</c>, in place.</summary>
    public static torch.Tensor Plus_(this torch.Tensor tensor, double addend)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = addend.ToScalar();
        return tensor.add_(value);
    }

    /// <summary><c>tensor += alpha * other</c>, in place.</summary>
    public static torch.Tensor PlusScaled_(this torch.Tensor tensor, torch.Tensor other, double alpha)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = alpha.ToScalar();
        return tensor.add_(other, alpha: value);
    }

    /// <summary><c>tensor ^ exponent</c>, element-wise.</summary>
    public static torch.Tensor Power(this torch.Tensor tensor, double exponent)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = exponent.ToScalar();
        return tensor.pow(value);
    }

    /// <summary>Each element raised to at least <paramref name="minimum"/> (<c>clamp_min</c>).</summary>
    public static torch.Tensor AtLeast(this torch.Tensor tensor, double minimum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = minimum.ToScalar();
        return tensor.clamp_min(value);
    }

    /// <summary>Each element raised to at least <paramref name="minimum"/>, in place (<c>clamp_min_</c>).</summary>
    public static torch.Tensor AtLeast_(this torch.Tensor tensor, double minimum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = minimum.ToScalar();
        return tensor.clamp_min_(value);
    }

    /// <summary>Each element clamped to [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static torch.Tensor Between(this torch.Tensor tensor, double minimum, double maximum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar low = minimum.ToScalar(), high = maximum.ToScalar();
        return tensor.clamp(low, high);
    }

    /// <summary>Each element clamped to [<paramref name="minimum"/>, <paramref name="maximum"/>], in place.</summary>
    public static torch.Tensor Between_(this torch.Tensor tensor, double minimum, double maximum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar low = minimum.ToScalar(), high = maximum.ToScalar();
        return tensor.clamp_(low, high);
    }

    /// <summary><c>start + weight * (end - start)</c> (libtorch takes the weight as a 0-dimensional tensor, held and disposed here).</summary>
    public static torch.Tensor Lerp(torch.Tensor start, torch.Tensor end, double weight)
    {
        ArgumentNullException.ThrowIfNull(start);
        using torch.Tensor value = torch.tensor(weight);
        return start.lerp(end, value);
    }

    /// <summary><c>0, 1, …, length - 1</c> (<c>arange</c>).</summary>
    public static torch.Tensor Range(long length, torch.ScalarType dtype, torch.Device device)
    {
        using Scalar stop = length.ToScalar();
        return torch.arange(stop, dtype, device);
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="fill"/>.</summary>
    public static torch.Tensor Full(long[] shape, double fill, torch.ScalarType dtype, torch.Device device)
    {
        using Scalar value = fill.ToScalar();
        return torch.full(shape, value, dtype, device);
    }
}
