using NeuralStyle.Engine;
using TorchSharp;

namespace NeuralStyle.Losses;

/// <summary>Functions of symmetric positive semi-definite matrices through one eigendecomposition in float64.</summary>
internal static class SymmetricMatrices
{
    /// <summary>Eigenvalues are floored here so inverse powers stay finite.</summary>
    public const double EigenvalueFloor = 1e-5;

    /// <summary>Eigenvalues (floored at <see cref="EigenvalueFloor"/>) and eigenvectors of the symmetrised matrix, in float64, detached.</summary>
    public static (torch.Tensor Eigenvalues, torch.Tensor Eigenvectors) Eigen(torch.Tensor symmetric)
    {
        torch.Tensor m = symmetric.detach().to(torch.ScalarType.Float64);
        m = (m + m.t()).Times(0.5);
        (torch.Tensor eigenvalues, torch.Tensor eigenvectors) = torch.linalg.eigh(m);
        return (eigenvalues.AtLeast(EigenvalueFloor), eigenvectors);
    }

    /// <summary><c>V diag(values) Vᵀ</c>.</summary>
    public static torch.Tensor Reassemble(torch.Tensor values, torch.Tensor eigenvectors) =>
        (eigenvectors * values).mm(eigenvectors.t());

    /// <summary><c>M^power</c> in float64.</summary>
    public static torch.Tensor Power(torch.Tensor symmetric, double power)
    {
        (torch.Tensor eigenvalues, torch.Tensor eigenvectors) = Eigen(symmetric);
        return Reassemble(eigenvalues.Power(power), eigenvectors);
    }
}
