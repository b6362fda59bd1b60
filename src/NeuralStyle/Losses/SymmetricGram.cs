using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// <c>G = F Fᵀ</c> with a backward pass of one product: since G is symmetric, d/dF of
/// <c>⟨dG, F Fᵀ⟩</c> is <c>(dG + dGᵀ) F</c>, where autograd's generic matrix product computes
/// <c>dG F</c> and <c>dGᵀ F</c> separately (two <c>[C, C] × [C, h·w]</c> products and a sum).
/// </summary>
internal sealed class SymmetricGram : torch.autograd.SingleTensorFunction<SymmetricGram>
{
    /// <inheritdoc />
    public override string Name => nameof(SymmetricGram);

    /// <summary><c>F Fᵀ</c> of a <c>[C, N]</c> matrix, differentiable with the one-product backward.</summary>
    public static torch.Tensor Of(torch.Tensor matrix) => apply(matrix);

    /// <inheritdoc />
    public override torch.Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var matrix = (torch.Tensor)vars[0];
        ctx.save_for_backward([matrix]);
        return matrix.mm(matrix.t());
    }

    /// <inheritdoc />
    public override List<torch.Tensor> backward(torch.autograd.AutogradContext ctx, torch.Tensor grad_output)
    {
        torch.Tensor matrix = ctx.get_saved_variables()[0];
        return [(grad_output + grad_output.t()).mm(matrix)];
    }
}
