using TorchSharp;

namespace NeuralStyle.Engine;

/// <summary>
/// Adam's (Kingma and Ba) moment estimates of one tensor and its bias-corrected update: the one
/// implementation of the step, used by the pixel optimiser and by fast-style training's parameters.
/// </summary>
public sealed class AdamMoments : IDisposable
{
    /// <summary>Zero moments shaped like <paramref name="variable"/>.</summary>
    public AdamMoments(torch.Tensor variable)
        : this(torch.zeros_like(variable).DetachFromDisposeScope(), torch.zeros_like(variable).DetachFromDisposeScope())
    {
    }

    /// <summary>Takes ownership of saved moments (a resumed run).</summary>
    public AdamMoments(torch.Tensor first, torch.Tensor second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The moving average of the gradient.</summary>
    public torch.Tensor First { get; }

    /// <summary>The moving average of the squared gradient.</summary>
    public torch.Tensor Second { get; }

    /// <summary>Updates the moments with <paramref name="gradient"/> and moves <paramref name="variable"/> in place; <paramref name="step"/> counts from 1.</summary>
    public void Step(torch.Tensor variable, torch.Tensor gradient, long step, double learningRate, double beta1, double beta2, double epsilon)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double firstCorrection = 1 - Math.Pow(beta1, step);
        double secondCorrection = 1 - Math.Pow(beta2, step);

        // Each Scalar held until the native calls return (docs/development.md, native scalars).
        using Scalar decay1 = beta1.ToScalar(), rest1 = (1 - beta1).ToScalar(), decay2 = beta2.ToScalar(), rest2 = (1 - beta2).ToScalar();
        using Scalar correction2 = secondCorrection.ToScalar(), eps = epsilon.ToScalar(), stepSize = (-learningRate / firstCorrection).ToScalar();
        First.mul_(decay1).add_(gradient, alpha: rest1);
        Second.mul_(decay2).addcmul_(gradient, gradient, value: rest2);
        torch.Tensor denominator = Second.div(correction2).sqrt_().add_(eps);
        variable.addcdiv_(First, denominator, value: stepSize);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
