// Styles an image end to end.
//
//   dotnet run -c Release --project samples/NeuralStyle.QuickStart -- CONTENT STYLE OUTPUT --weights vgg19.pth
//
// With no arguments it runs offline on a fresh machine: it makes a content photo and a "painting"
// in code and uses deterministic (untrained) VGG19 weights up to relu3_1. That proves the whole
// pipeline (decode, features, losses, L-BFGS, atomic save) but is not a real stylisation: for that
// pass torchvision's vgg19-dcbb9e9d.pth (or a .safetensors of its features) with --weights.
using NeuralStyle.Features;
using NeuralStyle.Imaging;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using NeuralStyle.Vgg;
using SixLabors.ImageSharp;
using TorchSharp;

string? weights = Option(ref args, "--weights");
int iterations = int.Parse(Option(ref args, "--iterations") ?? "100", System.Globalization.CultureInfo.InvariantCulture);
int size = int.Parse(Option(ref args, "--size") ?? "256", System.Globalization.CultureInfo.InvariantCulture);
string preset = Option(ref args, "--preset") ?? "default";

string content, style, output;
if (args.Length == 3)
{
    (content, style, output) = (args[0], args[1], args[2]);
}
else if (args.Length == 0)
{
    string directory = Path.Combine("out", "quickstart");
    Directory.CreateDirectory(directory);
    content = Path.Combine(directory, "content.png");
    style = Path.Combine(directory, "style.png");
    output = Path.Combine(directory, "styled.png");
    using (Image photo = TestImages.Photo(size, size * 3 / 4))
    {
        photo.Save(content);
    }

    using (Image painting = TestImages.Painting(size, size))
    {
        painting.Save(style);
    }

    Console.WriteLine($"Offline demo: made {content} and {style} in code.");
}
else
{
    Console.Error.WriteLine("usage: QuickStart [CONTENT STYLE OUTPUT] [--weights FILE] [--iterations N] [--size PX] [--preset default|keras]");
    return 2;
}

using Vgg19FeatureExtractor extractor = weights is null
    ? DemoExtractor()
    : Vgg19FeatureExtractor.FromFile(weights, new Vgg19Options
    {
        DeepestLayer = Vgg19Layer.Relu5_2,
        Preprocessing = preset == "keras" ? Vgg19Preprocessing.Caffe : Vgg19Preprocessing.Torchvision,
    });
Console.WriteLine(weights is null
    ? "Using deterministic untrained VGG19 weights (smoke demo). Pass --weights vgg19.pth for a real stylisation."
    : $"Using VGG19 weights from {weights}.");

StyleTransferBuilder builder = new StyleTransferBuilder()
    .WithFeatureExtractor(extractor)
    .WithContent(content)
    .AddStyle(style);
builder = preset == "keras"
    ? builder.UsePreset(StylePreset.KerasExample).WithIterations(iterations)
    : builder.WithSize(OutputSize.LongestSide(size)).WithIterations(iterations);
StyleTransfer transfer = builder
    .WithProgress(new Progress<StyleTransferProgress>(p =>
        Console.WriteLine($"  {p.Iteration,5}/{p.TotalIterations}  loss {p.Losses.Total,12:G5}  (content {p.Losses.Content:G4}, style {p.Losses.Style:G4}, tv {p.Losses.TotalVariation:G4})  eta {p.EstimatedRemaining:mm\\:ss}")), every: 10)
    .Build();

using StyleTransferResult result = transfer.Run();
result.Save(output);
Console.WriteLine($"Wrote {output}: {result.Image.Width}x{result.Image.Height}, {result.LossHistory.Count} evaluations in {result.Elapsed.TotalSeconds:F1} s, " +
    $"loss {result.LossHistory[0].Total:G4} -> {result.LossHistory[^1].Total:G4}.");
return 0;

static Vgg19FeatureExtractor DemoExtractor()
{
    using StateDictionary state = new(Vgg19FeatureExtractor.TorchvisionKeys.Take(12).Select((k, index) =>
    {
        long count = k.Shape.Aggregate(1L, (a, b) => a * b);
        double scale = k.Shape.Length == 4 ? Math.Sqrt(6.0 / (k.Shape[1] * k.Shape[2] * k.Shape[3])) : 0.01;
        return KeyValuePair.Create(k.Key, torch.tensor(SplitMix64.Floats((ulong)(1000 + index), count, scale), k.Shape));
    }));
    return Vgg19FeatureExtractor.FromStateDict(state, new Vgg19Options { DeepestLayer = Vgg19Layer.Relu(3, 2) });
}

static string? Option(ref string[] args, string name)
{
    int index = Array.IndexOf(args, name);
    if (index < 0 || index + 1 >= args.Length)
    {
        return null;
    }

    string value = args[index + 1];
    args = args.Take(index).Concat(args.Skip(index + 2)).ToArray();
    return value;
}
