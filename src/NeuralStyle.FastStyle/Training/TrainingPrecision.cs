namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// The arithmetic of fast-style training's style network. Its weights, Adam's state, the losses and
/// every model file stay float32 whichever is chosen; a trained model infers the same way.
/// </summary>
public enum TrainingPrecision
{
    /// <summary>
    /// <see cref="BFloat16"/> where the device multiplies it natively (a CPU with AVX512_BF16 or
    /// AMX-BF16: <see cref="Runtime.NativeBFloat16"/>), else <see cref="Float32"/>.
    /// </summary>
    Auto,

    /// <summary>Every convolution in float32.</summary>
    Float32,

    /// <summary>
    /// The style network in bfloat16 (convolutions, instance normalisation, activations and residual
    /// sums), channels_last, on bfloat16 copies of float32 master weights; convolutions whose output
    /// channels are not a multiple of 16 (every width's last, to RGB; the quarter width's conv1 and
    /// deconv2) run in float32, because libtorch's bfloat16 kernels get their input gradient wrong.
    /// The loss network computes as it is given (float32 from the command line: the content term
    /// compares near-equal features, and a bfloat16 loss network's rounding cost a measured run 0.10
    /// of content kept). Faster than float32 only where bfloat16 is native (docs/fast-style.md).
    /// </summary>
    BFloat16,
}
