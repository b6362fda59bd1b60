// Styles an image end to end with the library API and the embedded, pretrained ResNet18.
//
//   dotnet run -c Release --project samples/NeuralStyle.QuickStart                 # offline demo
//   dotnet run -c Release --project samples/NeuralStyle.QuickStart -- CONTENT STYLE OUTPUT [--size PX] [--iterations N]
//
// With no arguments it needs nothing but the .NET SDK and NuGet: it draws a lakeside "photo" and a
// swirling night "painting" in code (docs/images shows them), repaints one in the style of the
// other with the ImageNet ResNet18 that package Microsoft.ML.DnnImageFeaturizer.ResNet18 ships, and
// writes out/quickstart/{content,style,styled}.png. For the full command line, see neural-style.
using System.Globalization;
using NeuralStyle.Imaging;
using NeuralStyle.ResNet18;
using NeuralStyle.Testing;
using NeuralStyle.Transfer;
using SixLabors.ImageSharp;

int size = int.Parse(Option(ref args, "--size") ?? "320", CultureInfo.InvariantCulture);
int iterations = int.Parse(Option(ref args, "--iterations") ?? "200", CultureInfo.InvariantCulture);

string content, style, output;
if (args.Length == 3)
{
    (content, style, output) = (args[0], args[1], args[2]);
}
else if (args.Length == 0)
{
    string directory = Path.Combine("out", "quickstart");
    Directory.CreateDirectory(directory);
    (content, style, output) = (Path.Combine(directory, "content.png"), Path.Combine(directory, "style.png"), Path.Combine(directory, "styled.png"));
    using (Image photo = DemoImages.Lakeside(size * 3 / 2, size))
    {
        photo.SaveAsPng(content);
    }

    using (Image painting = DemoImages.Swirls(size, size))
    {
        painting.SaveAsPng(style);
    }

    Console.WriteLine($"Offline demo: drew {content} and {style} in code.");
}
else
{
    Console.Error.WriteLine("usage: QuickStart [CONTENT STYLE OUTPUT] [--size PX] [--iterations N]");
    return 2;
}

using ResNet18FeatureExtractor resnet = ResNet18FeatureExtractor.Load();
Console.WriteLine($"Backbone: ImageNet ResNet18 from {resnet.Source}");

StyleTransfer transfer = new StyleTransferBuilder()
    .WithFeatureExtractor(resnet)
    .WithContent(content)
    .AddStyle(style)
    .WithSize(OutputSize.LongestSide(size))
    .WithEvaluations(iterations)
    .Build();

var progress = new Progress<StyleTransferProgress>(p =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {p.Evaluation,4}/{p.TotalEvaluations}  loss {p.Losses.Total,8:F3}  (content {p.Losses.Content:F3}, style {p.Losses.Style:F3}, tv {p.Losses.TotalVariation:F3})  eta {p.EstimatedRemaining:mm\\:ss}")));
using StyleTransferResult result = await transfer.RunAsync(RunReporting.WithProgress(progress, every: 20));
result.Save(output, overwrite: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Wrote {output}: {result.Image.Width}x{result.Image.Height}, {result.LossHistory.Count} evaluations in {result.Elapsed.TotalSeconds:F1} s, loss {result.LossHistory[0].Total:F3} -> {result.LossHistory[^1].Total:F3}."));
return 0;

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
