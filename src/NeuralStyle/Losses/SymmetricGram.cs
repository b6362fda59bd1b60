using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>
/// <c>G = F diag(m) Fᵀ</c> (<c>F Fᵀ</c> without position weights m) with a backward pass of one
/// product: since G is symmetric, d/dF of <c>⟨dG, G⟩</c> is <c>(dG + dGᵀ) F diag(m)</c>, where
/// autograd's generic matrix product computes <c>dG F</c> and <c>dGᵀ F</c> separately (two
/// <c>[C, C] × [C, h·w]</c> products and a sum). The weights get no gradient.
/// </summary>
internal sealed class SymmetricGram : torch.autograd.SingleTensorFunction<SymmetricGram>
{
    /// <inheritdoc />
    public override string Name => nameof(SymmetricGram);

    /// <summary><c>F diag(m) Fᵀ</c> of a <c>[C, N]</c> matrix and optional <c>[N]</c> weights, differentiable in F with the one-product backward.</summary>
    public static torch.Tensor Of(torch.Tensor matrix, torch.Tensor? weights = null) =>
        weights is null ? apply(matrix) : apply(matrix, weights);

    /// <inheritdoc />
    public override torch.Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var matrix = (torch.Tensor)vars[0];
        torch.Tensor? weights = vars.Length > 1 ? (torch.Tensor)vars[1] : null;
        ctx.save_for_backward(weights is null ? [matrix] : [matrix, weights]);
        return weights is null ? matrix.mm(matrix.t()) : (matrix * weights).mm(matrix.t());
    }

    /// <inheritdoc />
    public override List<torch.Tensor> backward(torch.autograd.AutogradContext ctx, torch.Tensor grad_output)
    {
        // Its own scope: libtorch may call this on a worker thread (a GPU's), where no caller's scope
        // holds the intermediates against finalisation while a native call reads them.
        using var scope = torch.NewDisposeScope();
        List<torch.Tensor> saved = ctx.get_saved_variables();
        torch.Tensor gradient = (grad_output + grad_output.t()).mm(saved[0]);
        if (saved.Count > 1)
        {
            gradient.mul_(saved[1]);
        }

        return saved.Count == 1 ? [gradient.MoveToOuterDisposeScope()] : [gradient.MoveToOuterDisposeScope(), null!];
    }
}
