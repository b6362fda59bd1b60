using System.Globalization;
using BenchmarkDotNet.Running;
using NeuralStyle.Benchmarks;
using NeuralStyle.Benchmarks.Support;

// BenchmarkDotNet suites:  dotnet run -c Release --project benchmarks/NeuralStyle.Benchmarks -- --filter '*EvaluationBenchmarks*'
// Time to the seed's quality:  ... -- seed-quality [steps]
// Peak RSS per size:           ... -- memory
// Peak RSS, tiled evaluation:   ... -- memory-tiled
// glibc allocator tunings (environment), N rounds: ... -- allocator [N]
// Floor ratio, min of N:       ... -- floor [N]
// fp32 vs bf16 mixed, min of N: ... -- precision [N]
// NCHW vs channels_last, min of N: ... -- layout [N]
// Tile seams, whole vs tiled:    ... -- seams [docs] [width] [height] [tile] [evaluations]
// float32 vs bf16 results:        ... -- precision-images [docs] [side] [evaluations]
// Fast style: ms per image:      ... -- fast-speed [runs] [--gatys]
// Fast style: demo photos, sheet: ... -- fast-demo-photos DIR;  ... -- fast-demo MODEL... [--docs docs] [--size 512] [--no-gatys] [--palette P]  (a file or a built-in style; several: the built-in sheet)
// Record a built-in style's palette (models trained before it was recorded): ... -- record-palette MODEL.safetensors PAINTING
// Fast style: the style network's ops, forward and backward: ... -- layer-profile [batch] [size] [half5] [net-bf16] [rounds=N]
// Batch overhead per job (fast style, 512 px): ... -- batch-overhead [photos] [rounds]
// Web service load test (loopback): benchmarks/service-load.sh [requests] [clients]
// Quality table + contact sheet: ... -- quality [--size 192] [--keras-steps 4000] [--docs docs] [--pair CONTENT STYLE]...
switch (args.FirstOrDefault())
{
    case "seed-quality":
        SeedQuality.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300);
        break;
    case "fast-demo-photos":
        NeuralStyle.Benchmarks.FastStyle.FastStyleDemo.LinkTrainingPhotos(args[1]);
        break;
    case "fast-demo":
        NeuralStyle.Benchmarks.FastStyle.FastStyleDemo.Run(args[1..]);
        break;
    case "record-palette":
        NeuralStyle.Benchmarks.FastStyle.RecordPalette.Run(args[1..]);
        break;
    case "batch-overhead":
        NeuralStyle.Benchmarks.Batch.BatchOverhead.Run(args[1..]);
        break;
    case "service-load":
        NeuralStyle.Benchmarks.Batch.ServiceLoad.Run(args[1..]);
        break;
    case "training-profile":
        NeuralStyle.Benchmarks.FastStyle.TrainingProfile.Run(args[1..]);
        break;
    case "layer-profile":
        NeuralStyle.Benchmarks.FastStyle.LayerProfile.Run(args[1..]);
        break;
    case "fast-speed":
        NeuralStyle.Benchmarks.FastStyle.FastStyleSpeed.Run(args[1..]);
        break;
    case "quality":
        NeuralStyle.Benchmarks.Quality.QualityBenchmark.Run(args[1..]);
        break;
    case "memory":
        MemoryReport.Run(
        [
            (BackboneKind.ResNet18, 256, null), (BackboneKind.ResNet18, 512, null), (BackboneKind.ResNet18, 1024, null), (BackboneKind.ResNet18, 2048, null),
            (BackboneKind.Vgg19, 256, null), (BackboneKind.Vgg19, 512, null), (BackboneKind.Vgg19, 1024, null),
        ]);
        break;
    case "memory-tiled":
        MemoryReport.Run(
        [
            (BackboneKind.Vgg19, 1024, null), (BackboneKind.Vgg19, 1024, 512), (BackboneKind.Vgg19, 2048, 512),
            (BackboneKind.ResNet18, 2048, null), (BackboneKind.ResNet18, 2048, 512),
        ]);
        break;
    case "allocator":
        AllocatorCheck.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2);
        break;
    case "floor":
        FloorCheck.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
        break;
    case "precision":
        FloorCheck.Precision(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
        break;
    case "precision-images":
        PrecisionComparison.Run(args[1..]);
        break;
    case "seams":
        SeamCheck.Run(args[1..]);
        break;
    case "layout":
        LayoutCheck.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
        break;
    case "estimate":
        foreach (BackboneKind backbone in Enum.GetValues<BackboneKind>())
        {
            foreach (int size in new[] { 256, 512, 1024, 2048 })
            {
                Console.WriteLine($"{backbone} {size}: {MemoryReport.Estimate(backbone, size)}");
            }
        }

        break;
    case "rss-probe":
        MemoryReport.Probe(ProbeRequest.Parse(args[1..]));
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
        break;
}
