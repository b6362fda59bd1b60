using System.Text.Json;

namespace NeuralStyle.Vgg.Tests;

/// <summary>vgg19_parity.json: values computed with PyTorch 2.11 / torchvision 0.26 in float64.</summary>
public static class ParityFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "vgg19_parity.json"))).RootElement);

    public static JsonElement Json => Root.Value;

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
