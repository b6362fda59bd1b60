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
    public static torch.Tensor Times(this torch.Tensor tensor, double factor) => Held(tensor, factor, static (t, s) => t.mul(s));

    /// <summary><c>tensor *= factor</c>, in place.</summary>
    public static torch.Tensor Times_(this torch.Tensor tensor, double factor) => Held(tensor, factor, static (t, s) => t.mul_(s));

    /// <summary><c>tensor / divisor</c>.</summary>
    public static torch.Tensor DividedBy(this torch.Tensor tensor, double divisor) => Held(tensor, divisor, static (t, s) => t.div(s));

    /// <summary><c>tensor + addend</c>.</summary>
    public static torch.Tensor Plus(this torch.Tensor tensor, double addend) => Held(tensor, addend, static (t, s) => t.add(s));

    /// <summary><c>tensor += addend</c>, in place.</summary>
    public static torch.Tensor Plus_(this torch.Tensor tensor, double addend) => Held(tensor, addend, static (t, s) => t.add_(s));

    /// <summary><c>tensor += alpha * other</c>, in place.</summary>
    public static torch.Tensor PlusScaled_(this torch.Tensor tensor, torch.Tensor other, double alpha)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Held(tensor, alpha, (t, s) => t.add_(other, alpha: s));
    }

    /// <summary><c>tensor ^ exponent</c>, element-wise.</summary>
    public static torch.Tensor Power(this torch.Tensor tensor, double exponent) => Held(tensor, exponent, static (t, s) => t.pow(s));

    /// <summary>Each element raised to at least <paramref name="minimum"/> (<c>clamp_min</c>).</summary>
    public static torch.Tensor AtLeast(this torch.Tensor tensor, double minimum) => Held(tensor, minimum, static (t, s) => t.clamp_min(s));

    /// <summary>Each element raised to at least <paramref name="minimum"/>, in place (<c>clamp_min_</c>).</summary>
    public static torch.Tensor AtLeast_(this torch.Tensor tensor, double minimum) => Held(tensor, minimum, static (t, s) => t.clamp_min_(s));

    /// <summary>Each element clamped to [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static torch.Tensor Between(this torch.Tensor tensor, double minimum, double maximum) => Clamped(tensor, minimum, maximum, inPlace: false);

    /// <summary>Each element clamped to [<paramref name="minimum"/>, <paramref name="maximum"/>], in place.</summary>
    public static torch.Tensor Between_(this torch.Tensor tensor, double minimum, double maximum) => Clamped(tensor, minimum, maximum, inPlace: true);

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

    private static torch.Tensor Clamped(torch.Tensor tensor, double minimum, double maximum, bool inPlace)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar low = minimum.ToScalar(), high = maximum.ToScalar();
        return inPlace ? tensor.clamp_(low, high) : tensor.clamp(low, high);
    }

    /// <summary>Runs <paramref name="operation"/> with <paramref name="number"/> as a <see cref="Scalar"/> that lives until it returns.</summary>
    private static torch.Tensor Held(torch.Tensor tensor, double number, Func<torch.Tensor, Scalar, torch.Tensor> operation)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using Scalar value = number.ToScalar();
        return operation(tensor, value);
    }
}
