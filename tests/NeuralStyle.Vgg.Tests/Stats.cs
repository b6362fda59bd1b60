using System.Text.Json;
using TorchSharp;

namespace NeuralStyle.Vgg.Tests;

/// <summary>Compares a tensor with the fixture's stats (numel, sum, sumsq, abs_max, picks).</summary>
public static class Stats
{
    public static void AssertMatches(string what, torch.Tensor actual, JsonElement expected, double relative)
    {
        using torch.Tensor flat = actual.detach().to(torch.ScalarType.Float64).flatten();
        double[] values = flat.data<double>().ToArray();
        Assert.Equal(expected.GetProperty("numel").GetInt64(), values.LongLength);
        double absMax = expected.GetProperty("abs_max").GetDouble();
        Close($"{what} sum", expected.GetProperty("sum").GetDouble(), values.Sum(), relative, absMax * relative);
        Close($"{what} sumsq", expected.GetProperty("sumsq").GetDouble(), values.Sum(v => v * v), relative, 0);
        Close($"{what} abs_max", absMax, values.Max(Math.Abs), relative, 0);
        foreach (JsonProperty pick in expected.GetProperty("picks").EnumerateObject())
        {
            Close($"{what}[{pick.Name}]", pick.Value.GetDouble(), values[long.Parse(pick.Name, System.Globalization.CultureInfo.InvariantCulture)], relative, absMax * relative);
        }
    }

    /// <summary>|actual − expected| ≤ relative·|expected| + absolute.</summary>
    public static void Close(string what, double expected, double actual, double relative, double absolute = 0)
    {
        double tolerance = (relative * Math.Abs(expected)) + absolute;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
    }
}
