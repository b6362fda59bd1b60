using NeuralStyle.Imaging;

namespace NeuralStyle.FastStyle.Onnx;

/// <summary>
/// <see cref="ColorPalette.Recolor"/> as graph nodes, so an export paints what <c>Stylize</c> paints by
/// default: each image's own RGB mean μₓ and covariance Σₓ (float64), Σₓ^-½ from its eigendecomposition
/// (cyclic Jacobi rotations in a <c>Loop</c>; the eigenvalues raised to at least
/// <see cref="ColorPalette.VarianceFloor"/>), the map <c>x' = Σₚ^½ Σₓ^-½ (x − μₓ) + μₚ</c> clamped to
/// [0, 1], then <c>x + share·(x' − x)</c> with the share chosen at export.
/// </summary>
internal static class OnnxPalette
{
    /// <summary>
    /// Sweeps of the three rotations: each squares the off-diagonal's relative size once it is small
    /// (Jacobi's quadratic convergence), so four leave a 3x3 covariance diagonal to float64's rounding;
    /// the fifth is margin.
    /// </summary>
    private const long Sweeps = 5;

    /// <summary>An off-diagonal entry below this is taken as zero (no rotation), so none is divided by.</summary>
    private const double Negligible = 1e-290;

    private static readonly (int P, int Q)[] Pairs = [(0, 1), (0, 2), (1, 2)];

    /// <summary>Adds the palette step at <paramref name="share"/> from <paramref name="image"/> (<c>[N, 3, H, W]</c> float in [0, 1]) to the output named <paramref name="output"/>.</summary>
    public static void Recolor(OnnxGraph graph, string image, ColorPalette palette, double share, string output)
    {
        var constants = new Constants(graph);
        string pixels = graph.Node("Reshape", [graph.Node("Cast", [image], ("to", (long)OnnxGraph.DoubleType)), graph.Constant("palette.pixels_shape", [0, 3, -1])]);
        string mean = graph.Node("ReduceMean", [pixels], ("axes", new long[] { 2 }), ("keepdims", 1L));
        string centred = graph.Node("Sub", [pixels, mean]);
        string count = graph.Node("Cast", [graph.Node("Gather", [graph.Node("Shape", [pixels]), graph.Constant("palette.pixel_axis", [2])])], ("to", (long)OnnxGraph.DoubleType));
        string covariance = graph.Node("Div", [graph.Node("MatMul", [centred, Transposed(graph, centred)]), count]);
        string inverseRoot = InverseSquareRoot(graph, constants, covariance);
        string transform = graph.Node("MatMul", [graph.Constant("palette.covariance_root", [.. palette.CovarianceSquareRoot], [3, 3]), inverseRoot]);
        string mapped = graph.Node("Add", [graph.Node("MatMul", [transform, centred]), graph.Constant("palette.mean", [.. palette.Mean], [3, 1])]);
        string clamped = graph.Node(
            "Clip",
            [graph.Node("Cast", [mapped], ("to", (long)OnnxGraph.FloatType)), graph.Constant("palette.black", [0f], []), graph.Constant("palette.white", [1f], [])]);
        string recoloured = graph.Node("Reshape", [clamped, graph.Node("Shape", [image])]);
        graph.Node("Add", [image, graph.Node("Mul", [graph.Constant("palette.share", [(float)share], []), graph.Node("Sub", [recoloured, image])])], output);
    }

    /// <summary>
    /// <c>V diag(max(λ, floor)^-½) Vᵀ</c> of each symmetric <c>[3, 3]</c> matrix of <paramref name="matrices"/>
    /// (<c>[N, 3, 3]</c>, float64), from <see cref="Sweeps"/> sweeps of Jacobi rotations <c>A ← JᵀAJ</c>, <c>V ← VJ</c>.
    /// </summary>
    private static string InverseSquareRoot(OnnxGraph graph, Constants constants, string matrices)
    {
        string symmetric = graph.Node("Mul", [graph.Node("Add", [matrices, Transposed(graph, matrices)]), constants.Half]);
        var body = new OnnxGraph("j");
        (string a, string v) = ("jacobi_a", "jacobi_v");
        foreach ((int p, int q) in Pairs)
        {
            (a, v) = Rotate(body, constants, a, v, p, q);
        }

        body.Node("Identity", ["jacobi_condition"], "jacobi_condition_out");
        body.Node("Identity", [a], "jacobi_a_out");
        body.Node("Identity", [v], "jacobi_v_out");
        ProtoWriter sweep = body.BuildBody(
            "jacobi_sweep",
            [("jacobi_iteration", OnnxGraph.Int64Type, true), ("jacobi_condition", OnnxGraph.BoolType, true), ("jacobi_a", OnnxGraph.DoubleType, false), ("jacobi_v", OnnxGraph.DoubleType, false)],
            [("jacobi_condition_out", OnnxGraph.BoolType, true), ("jacobi_a_out", OnnxGraph.DoubleType, false), ("jacobi_v_out", OnnxGraph.DoubleType, false)]);
        string vectors0 = graph.Node("Expand", [constants.Identity, graph.Node("Shape", [symmetric])]);
        graph.Node("Loop", [graph.Constant("palette.sweeps", [Sweeps], []), string.Empty, symmetric, vectors0], ["palette.diagonal", "palette.eigenvectors"], ("body", sweep));

        string eigenvalues = graph.Node("ReduceSum", [graph.Node("Mul", ["palette.diagonal", constants.Identity]), graph.Constant("palette.row_axis", [2])], ("keepdims", 0L));
        string scales = graph.Node("Pow", [graph.Node("Max", [eigenvalues, graph.Constant("palette.variance_floor", [ColorPalette.VarianceFloor], [])]), graph.Constant("palette.minus_half", [-0.5], [])]);
        string columns = graph.Node("Mul", ["palette.eigenvectors", graph.Node("Unsqueeze", [scales, graph.Constant("palette.column_axis", [1])])]);
        return graph.Node("MatMul", [columns, Transposed(graph, "palette.eigenvectors")]);
    }

    /// <summary>One Jacobi rotation in the (p, q) plane that zeroes <c>A[p, q]</c> (Numerical Recipes' stable angle).</summary>
    private static (string A, string V) Rotate(OnnxGraph body, Constants constants, string a, string v, int p, int q)
    {
        string Entry(int row, int column) => body.Node(
            "Slice", [a, constants.Index($"{row}{column}", [row, column]), constants.Index($"{row}{column}_end", [row + 1, column + 1]), constants.MatrixAxes]);

        string app = Entry(p, p), aqq = Entry(q, q), apq = Entry(p, q);
        string none = body.Node("Less", [body.Node("Abs", [apq]), constants.Negligible]);
        string theta = body.Node("Div", [body.Node("Sub", [aqq, app]), body.Node("Mul", [constants.Two, body.Node("Where", [none, constants.One, apq])])]);
        string sign = body.Node("Where", [body.Node("Less", [theta, constants.Zero]), constants.MinusOne, constants.One]);
        string root = body.Node("Sqrt", [body.Node("Add", [constants.One, body.Node("Mul", [theta, theta])])]);
        string t = body.Node("Where", [none, constants.Zero, body.Node("Div", [sign, body.Node("Add", [body.Node("Abs", [theta]), root])])]);
        string c = body.Node("Div", [constants.One, body.Node("Sqrt", [body.Node("Add", [constants.One, body.Node("Mul", [t, t])])])]);
        string s = body.Node("Mul", [t, c]);
        string rotation = body.Node("Add", [
            body.Node("Add", [constants.Identity, body.Node("Mul", [body.Node("Sub", [c, constants.One]), constants.Plane(p, q)])]),
            body.Node("Mul", [s, constants.Turn(p, q)])]);
        return (body.Node("MatMul", [body.Node("MatMul", [Transposed(body, rotation), a]), rotation]), body.Node("MatMul", [v, rotation]));
    }

    private static string Transposed(OnnxGraph graph, string matrices) => graph.Node("Transpose", [matrices], ("perm", new long[] { 0, 2, 1 }));

    /// <summary>The float64 and index constants the nodes share, each an initializer of the outer graph (a loop's body reads them).</summary>
    private sealed class Constants(OnnxGraph graph)
    {
        private readonly HashSet<string> _made = [];

        public string Zero { get; } = graph.Constant("palette.0", [0.0], []);

        public string One { get; } = graph.Constant("palette.1", [1.0], []);

        public string MinusOne { get; } = graph.Constant("palette.-1", [-1.0], []);

        public string Two { get; } = graph.Constant("palette.2", [2.0], []);

        public string Half { get; } = graph.Constant("palette.0.5", [0.5], []);

        public string Negligible { get; } = graph.Constant("palette.negligible", [OnnxPalette.Negligible], []);

        public string Identity { get; } = graph.Constant("palette.identity", [1.0, 0, 0, 0, 1, 0, 0, 0, 1], [3, 3]);

        public string MatrixAxes { get; } = graph.Constant("palette.matrix_axes", [1, 2]);

        /// <summary>An int64 pair, made once per name.</summary>
        public string Index(string name, long[] values) => _made.Add("palette.at" + name) ? graph.Constant("palette.at" + name, values) : "palette.at" + name;

        /// <summary><c>e_p e_pᵀ + e_q e_qᵀ</c>: where the rotation's cosines go.</summary>
        public string Plane(int p, int q) => Matrix($"plane{p}{q}", (i, j) => i == j && (i == p || i == q) ? 1 : 0);

        /// <summary><c>e_p e_qᵀ − e_q e_pᵀ</c>: where its sines go.</summary>
        public string Turn(int p, int q) => Matrix($"turn{p}{q}", (i, j) => i == p && j == q ? 1 : i == q && j == p ? -1 : 0);

        private string Matrix(string name, Func<int, int, double> entry)
        {
            string full = "palette." + name;
            return _made.Add(full) ? graph.Constant(full, [.. Enumerable.Range(0, 9).Select(k => entry(k / 3, k % 3))], [3, 3]) : full;
        }
    }
}
