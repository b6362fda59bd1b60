using System.Diagnostics;
using System.Globalization;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.FastStyle.Training;
using TorchSharp;

namespace NeuralStyle.Benchmarks.FastStyle;

/// <summary>
/// Where the style network's share of a training step goes, operation by operation, in context:
/// each round runs the whole network on a fresh random batch, every operation on a detached copy of
/// its input so that its forward and backward pass can be timed alone (the gradients training takes, with <c>autograd.grad</c>:
/// weights and, but for the first convolution, inputs), then the backward passes in reverse order,
/// handing each one's input gradient to the one before (the residual sum's to both its inputs).
/// Medians over the rounds, and the whole network's forward and backward pass without the cuts.
/// Usage: layer-profile [batch=4] [size=128, a multiple of 4] [half5] [net-bf16] [rounds=20] (batch and size, when given, first);
/// 2 threads, as the training benchmarks.
/// </summary>
internal static class LayerProfile
{
    public static void Run(string[] args)
    {
        const string Usage = "Usage: layer-profile [batch=4] [size=128, a multiple of 4] [half5] [net-bf16] [rounds=20]";
        int[] numbers = args.TakeWhile(a => a.All(char.IsAsciiDigit)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        string[] unknown = args.Skip(numbers.Length).Where(a => a is not ("half5" or "net-bf16") && !a.StartsWith("rounds=", StringComparison.Ordinal)).ToArray();
        int[] roundCounts = args.Where(a => a.StartsWith("rounds=", StringComparison.Ordinal)).Select(a => int.TryParse(a["rounds=".Length..], CultureInfo.InvariantCulture, out int n) ? n : 0).ToArray();
        int batch = numbers.Length > 0 ? numbers[0] : 4;
        int size = numbers.Length > 1 ? numbers[1] : 128;
        int rounds = roundCounts.Length > 0 ? roundCounts[0] : 20;
        if (numbers.Length > 2 || unknown.Length > 0 || roundCounts.Length > 1 || rounds < 1 || batch < 1 || size < NetworkPlan.SideMultiple || TransformerNet.PadTo(size) != 0)
        {
            // The operations are timed on the size given; the whole network would pad other sizes to a multiple of 4 first.
            Console.Error.WriteLine(Usage);
            return;
        }

        FastStyleArchitecture shape = args.Contains("half5") ? FastStyleArchitecture.Default : Styles.BuiltInRecipes.FromScratch.Architecture;
        TrainingPrecision precision = args.Contains("net-bf16") ? TrainingPrecision.BFloat16 : TrainingPrecision.Float32;
        torch.set_num_threads(2);
        using TransformerNet network = TransformerNet.Initialize(shape, 1);
        network.RequireGradients(true);
        torch.Tensor[] parameters = network.Parameters.Select(p => p.Value).ToArray();
        IReadOnlyList<NetworkOp> plan = NetworkPlan.Of(shape);
        var forward = new List<double>[plan.Count];
        var backward = new List<double>[plan.Count];
        for (int i = 0; i < plan.Count; i++)
        {
            (forward[i], backward[i]) = ([], []);
        }

        var whole = new List<(double Forward, double Backward)>();
        for (int round = -3; round < rounds; round++)
        {
            using var scope = torch.NewDisposeScope();
            Segment[] segments = Forward(network, plan, torch.rand(batch, 3, size, size), precision);
            Backward(network, segments);
            torch.Tensor input = torch.rand(batch, 3, size, size);
            var clock = Stopwatch.StartNew();
            torch.Tensor output = network.Forward(input, precision);
            double f = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            torch.autograd.grad([output], parameters, [torch.rand_like(output)]);
            if (round >= 0)
            {
                whole.Add((f, clock.Elapsed.TotalMilliseconds));
                for (int i = 0; i < plan.Count; i++)
                {
                    forward[i].Add(segments[i].ForwardMs);
                    backward[i].Add(segments[i].BackwardMs);
                }
            }
        }

        Console.WriteLine(FormattableString.Invariant($"{shape}, batch {batch} x {size} px, {precision}, medians of {rounds} rounds"));
        Console.WriteLine("| operation | forward ms | backward ms |");
        Console.WriteLine("|---|---:|---:|");
        double forwardSum = 0, backwardSum = 0;
        for (int i = 0; i < plan.Count; i++)
        {
            double f = Median(forward[i]), b = Median(backward[i]);
            forwardSum += f;
            backwardSum += b;
            Console.WriteLine(FormattableString.Invariant($"| {Describe(plan[i])} | {f:F1} | {b:F1} |"));
        }

        Console.WriteLine(FormattableString.Invariant($"| sum of the operations | {forwardSum:F1} | {backwardSum:F1} |"));
        Console.WriteLine(FormattableString.Invariant($"| **the whole network** | **{Median(whole.Select(w => w.Forward)):F1}** | **{Median(whole.Select(w => w.Backward)):F1}** |"));
    }

    private static Segment[] Forward(TransformerNet network, IReadOnlyList<NetworkOp> plan, torch.Tensor photo, TrainingPrecision precision)
    {
        var segments = new Segment[plan.Count];
        var starts = new Stack<int>();
        torch.Tensor value = photo;
        for (int i = 0; i < plan.Count; i++)
        {
            NetworkOp op = plan[i];
            torch.Tensor input = value.detach().requires_grad_(i > 0);
            int? source = op is ResidualAddOp ? starts.Pop() : null;
            torch.Tensor? shortcut = source is int start ? segments[start].Output.detach().requires_grad_(true) : null;
            var shortcuts = new Stack<torch.Tensor>(shortcut is null ? [] : [shortcut]);
            var clock = Stopwatch.StartNew();
            torch.Tensor output = network.Apply(op, input, shortcuts, precision);
            segments[i] = new Segment(op, input, shortcut, source, output) { ForwardMs = clock.Elapsed.TotalMilliseconds };
            if (op is ResidualStartOp)
            {
                starts.Push(i);
            }

            value = output;
        }

        return segments;
    }

    /// <summary>Each operation's backward pass as training takes it (<c>autograd.grad</c>: nothing accumulates into the parameters).</summary>
    private static void Backward(TransformerNet network, Segment[] segments)
    {
        torch.Tensor gradient = torch.rand_like(segments[^1].Output);
        var pending = new Dictionary<int, torch.Tensor>();
        for (int i = segments.Length - 1; i >= 0; i--)
        {
            Segment segment = segments[i];
            if (pending.Remove(i, out torch.Tensor? extra))
            {
                gradient = gradient + extra;
            }

            if (ReferenceEquals(segment.Output, segment.Input))
            {
                // A residual block's start: its output is its input, and its gradient passes on.
                continue;
            }

            var inputs = new List<torch.Tensor>();
            if (segment.Input.requires_grad)
            {
                inputs.Add(segment.Input);
            }

            if (segment.Shortcut is not null)
            {
                inputs.Add(segment.Shortcut);
            }

            inputs.AddRange(segment.Op switch
            {
                ConvOp conv => [network[conv.WeightKey], network[conv.BiasKey]],
                NormOp norm => [network[norm.WeightKey], network[norm.BiasKey]],
                _ => Array.Empty<torch.Tensor>(),
            });
            var clock = Stopwatch.StartNew();
            IList<torch.Tensor> gradients = torch.autograd.grad([segment.Output], inputs, [gradient.to(segment.Output.dtype)]);
            segment.BackwardMs = clock.Elapsed.TotalMilliseconds;
            int next = 0;
            torch.Tensor? inputGradient = segment.Input.requires_grad ? gradients[next++] : null;
            if (segment.ShortcutSource is int source)
            {
                // The residual sum's gradient reaches its shortcut's source too.
                pending[source] = gradients[next];
            }

            gradient = inputGradient ?? gradient;
        }
    }

    private static string Describe(NetworkOp op) => op switch
    {
        ConvOp conv => $"{conv.Name} ({conv.In}→{conv.Out}, {conv.Kernel}x{conv.Kernel}{(conv.Stride > 1 ? ", stride 2" : conv.Upsample ? ", upsampling" : "")})",
        NormOp norm => $"{norm.Name} ({norm.Channels})",
        _ => op.GetType().Name.Replace("Op", "", StringComparison.Ordinal),
    };

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Segment(NetworkOp Op, torch.Tensor Input, torch.Tensor? Shortcut, int? ShortcutSource, torch.Tensor Output)
    {
        public double ForwardMs { get; init; }

        public double BackwardMs { get; set; }
    }
}
