using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralStyle.Configuration;
using NeuralStyle.Engine;
using NeuralStyle.FastStyle.Network;
using NeuralStyle.Features;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.ResNet18;
using NeuralStyle.Transfer;
using TorchSharp;

namespace NeuralStyle.Benchmarks.FastStyle;

/// <summary>
/// Where a training step's time goes, with the built-in recipe (<see cref="Styles.BuiltInRecipes.FromScratch"/>; the crop size
/// and batch as given): the photo feed, the network's forward pass, the loss (the loss
/// network over the output and the input crops), the backward pass, the gradient check and Adam.
/// Usage: training-profile PHOTOS STYLE [steps=30] [batch=4] [size=128] [bf16] [nhwc] [half5] [net-bf16] [one-pass] [warmup=N] [width=W] [blocks=B]:
/// one-pass computes the loss with one pass of the loss network over output and input crops together
/// (the input half detached as the content reference), instead of a pass over the output and a
/// no-gradient one over the input at the content layers only;
/// bf16 runs the loss network in bfloat16 (<see cref="Features.MixedPrecisionExtractor"/>); net-bf16 runs
/// the style network as <see cref="TrainingPrecision.BFloat16"/> training does; nhwc feeds the crops
/// channels_last, so both networks' convolutions run in that layout; half5 profiles the first release's
/// shape (half width, five residual blocks) instead; width=W (1, 0.5, 0.25) and blocks=B set the shape's width and
/// residual blocks (on top of half5's or the built-in's). The first N steps (default 3) warm the kernels and
/// the photo cache and are not timed: with N past the steps that decode every photo (about 40 for 9
/// wallpapers), the figures are the steady state, without the feed's decoding competing for the cores.
/// </summary>
internal static class TrainingProfile
{
    public static void Run(string[] args)
    {
        string photos = args[0], style = args[1];
        int steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        int batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
        int size = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 128;
        bool bf16 = args.Skip(5).Contains("bf16");
        bool nhwc = args.Skip(5).Contains("nhwc");
        bool onePass = args.Skip(5).Contains("one-pass");
        TrainingPrecision precision = args.Skip(5).Contains("net-bf16") ? TrainingPrecision.BFloat16 : TrainingPrecision.Float32;
        int warmup = Named("warmup").Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(3).Single();
        if (warmup < 0 || warmup >= steps)
        {
            throw new ArgumentException($"warmup={warmup} leaves no step to time out of {steps}: give fewer warm-up steps or more steps.");
        }

        FastStyleArchitecture shape = args.Skip(5).Contains("half5")
            ? FastStyleArchitecture.Default
            : Styles.BuiltInRecipes.FromScratch.Architecture;
        shape = shape with
        {
            Width = Named("width").Select(w => FastStyleArchitecture.ParseWidth(w) ?? throw new ArgumentException($"width={w}: give 1, 0.5 or 0.25.")).DefaultIfEmpty(shape.Width).Single(),
            ResidualBlocks = Named("blocks").Select(b => int.Parse(b, CultureInfo.InvariantCulture)).DefaultIfEmpty(shape.ResidualBlocks).Single(),
        };
        Console.WriteLine($"shape: {shape}, {size} px crops, batch {batch}, style network {precision}, loss network {(bf16 ? "bfloat16" : "float32")}");
        torch.set_num_threads(2);
        using Features.IFeatureExtractor extractor = bf16
            ? new Features.MixedPrecisionExtractor(ResNet18FeatureExtractor.Load(new ResNet18Options { DataType = torch.ScalarType.BFloat16 }))
            : ResNet18FeatureExtractor.Load();
        ObjectiveSettings objective = Styles.BuiltInRecipes.FromScratch.Objective;
        var problems = new ProblemList();
        ResolvedObjective resolved = ResolvedObjective.Resolve(extractor, objective, problems);
        problems.ThrowIfAny();
        using TransferImage styleImage = new ImageLoader().Load(style);
        using TransferImage sized = styleImage.Resize(OutputSize.LongestSide(size));
        using var loss = new PerceptualLoss(extractor, resolved, [new StyleTensor(ImageTensor.FromImage(sized.Color), 1)]);
        using TransformerNet network = TransformerNet.Initialize(shape, 1);
        network.RequireGradients(true);
        torch.Tensor[] parameters = network.Parameters.Select(p => p.Value).ToArray();
        AdamMoments[] moments = parameters.Select(p => new AdamMoments(p)).ToArray();
        using var feed = new ContentFeed(ContentFolder.List(photos).ToList(), size, batch, 1, 0, new ImageLoader(), 256L << 20, NullLogger.Instance);
        OptimizerSettings adam = OptimizerSettings.For(OptimizerKind.Adam);
        string[] phases = ["feed", "network forward", "loss (both passes)", "backward", "check + Adam"];
        double[] seconds = new double[phases.Length];
        var total = Stopwatch.StartNew();
        for (int step = 1; step <= steps; step++)
        {
            if (step == warmup + 1)
            {
                // The first steps warm the kernels and the photo cache.
                Array.Clear(seconds);
                total.Restart();
            }

            using var scope = torch.NewDisposeScope();
            var clock = Stopwatch.StartNew();
            torch.Tensor input = feed.Next(CancellationToken.None);
            if (nhwc)
            {
                input = Features.Authoring.TensorLayout.ToChannelsLast(input);
            }

            Lap(0);
            torch.Tensor output = network.Forward(input, precision);
            Lap(1);
            (torch.Tensor sum, torch.Tensor terms) = onePass ? OnePass(loss, output, input) : loss.Compute(output, input);
            if (step == 1)
            {
                Console.WriteLine("step 1 loss terms: " + string.Join(", ", terms.to(torch.ScalarType.Float64).cpu().data<double>().ToArray().Select(v => v.ToString("G9", CultureInfo.InvariantCulture))));
            }

            _ = terms.cpu().data<float>().ToArray();
            Lap(2);
            IList<torch.Tensor> gradients = torch.autograd.grad([sum], parameters);
            Lap(3);
            _ = FiniteCheck.Failing(network.Parameters.Select(p => p.Key).ToArray(), [.. gradients]);
            for (int i = 0; i < parameters.Length; i++)
            {
                moments[i].Step(parameters[i], gradients[i], step, 1e-3, adam.Beta1, adam.Beta2, adam.Epsilon);
            }

            Lap(4);

            void Lap(int phase)
            {
                seconds[phase] += clock.Elapsed.TotalSeconds;
                clock.Restart();
            }
        }

        int timed = steps - warmup;
        Console.WriteLine(FormattableString.Invariant($"{timed} steps of {batch} x {size} px: {timed * batch / total.Elapsed.TotalSeconds:F2} images/s"));
        Console.WriteLine("| phase | ms per step | share |");
        Console.WriteLine("|---|---:|---:|");
        for (int i = 0; i < phases.Length; i++)
        {
            Console.WriteLine(FormattableString.Invariant($"| {phases[i]} | {seconds[i] / timed * 1000:F0} | {seconds[i] / seconds.Sum():P0} |"));
        }

        foreach (AdamMoments moment in moments)
        {
            moment.Dispose();
        }

        // The values of the KEY=VALUE arguments after the first five.
        IEnumerable<string> Named(string key) =>
            args.Skip(5).Where(a => a.StartsWith(key + "=", StringComparison.Ordinal)).Select(a => a[(key.Length + 1)..]);
    }

    /// <summary>
    /// <paramref name="loss"/>'s terms with one loss-network pass over <c>[output; input]</c>: the
    /// output half's features for every term, the input half's (detached) as the content reference.
    /// </summary>
    private static (torch.Tensor Total, torch.Tensor Terms) OnePass(PerceptualLoss loss, torch.Tensor output, torch.Tensor input)
    {
        long count = output.shape[0];
        FeatureLayer[] layers = [.. loss.Objective.ActiveLayers.Union(loss.Content.Layers)];
        IReadOnlyDictionary<FeatureLayer, torch.Tensor> both = loss.Extractor.ExtractRgb(torch.cat([output, input.to(output.dtype)]), layers);
        var features = both.ToDictionary(f => f.Key, f => f.Value.narrow(0, 0, count));
        var reference = loss.Content.Layers.ToDictionary(l => l, l => both[l].narrow(0, count, count).detach());
        ObjectiveEvaluation sums = loss.Objective.Evaluate(output, features, reference);
        torch.Tensor terms = torch.stack([sums.Content, sums.Style, sums.TotalVariation]).DividedBy(count);
        torch.Tensor total = terms.sum();
        return (total, torch.cat([total.unsqueeze(0), terms]).detach());
    }
}
