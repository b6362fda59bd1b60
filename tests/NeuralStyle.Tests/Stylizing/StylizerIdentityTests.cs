using NeuralStyle.Configuration;
using NeuralStyle.Imaging;
using NeuralStyle.Optimization;
using NeuralStyle.Stylizing;

namespace NeuralStyle.Tests.Stylizing;

/// <summary>The one writing of a stylizer's identity: its kind, a line break, then what it was made with as JSON, enums by name.</summary>
public sealed class StylizerIdentityTests
{
    [Fact]
    public void The_kind_comes_first_then_a_line_break_then_the_json()
    {
        Assert.Equal("fast-style\n{\"Model\":\"abc123\",\"Strength\":0.5,\"Size\":512}", StylizerIdentity.Of("fast-style", new { Model = "abc123", Strength = 0.5, Size = 512 }));
    }

    [Fact]
    public void Enums_are_written_by_name()
    {
        Assert.Equal("transfer\n{\"Optimizer\":\"Adam\",\"Day\":\"Friday\"}", StylizerIdentity.Of("transfer", new { Optimizer = OptimizerKind.Adam, Day = DayOfWeek.Friday }));
    }

    [Fact]
    public void Values_that_are_not_finite_are_written_not_refused()
    {
        Assert.Equal(
            "k\n{\"Weight\":\"NaN\",\"Limit\":\"Infinity\",\"Floor\":\"-Infinity\"}",
            StylizerIdentity.Of("k", new { Weight = double.NaN, Limit = double.PositiveInfinity, Floor = float.NegativeInfinity }));
    }

    [Fact]
    public void Nested_values_arrays_and_nulls_are_written()
    {
        Assert.Equal(
            "transfer\n{\"Styles\":[{\"Weight\":0.7,\"Content\":\"s1\"},{\"Weight\":0.3,\"Content\":\"s2\"}],\"Mask\":null}",
            StylizerIdentity.Of("transfer", new { Styles = new[] { new { Weight = 0.7, Content = "s1" }, new { Weight = 0.3, Content = "s2" } }, Mask = (string?)null }));
    }

    [Fact]
    public void The_same_settings_give_the_same_identity_and_other_settings_or_kinds_another()
    {
        StyleTransferSettings settings = StyleTransferSettings.Default;
        StyleTransferSettings larger = settings.WithImage(i => i with { Size = OutputSize.LongestSide(1234) });

        string identity = StylizerIdentity.Of("transfer", new { Settings = settings });

        Assert.StartsWith("transfer\n{\"Settings\":{", identity, StringComparison.Ordinal);
        Assert.Equal(identity, StylizerIdentity.Of("transfer", new { Settings = StyleTransferSettings.Default }));
        Assert.NotEqual(identity, StylizerIdentity.Of("transfer", new { Settings = larger }));
        Assert.Contains("1234", StylizerIdentity.Of("transfer", new { Settings = larger }), StringComparison.Ordinal);
        Assert.NotEqual(identity, StylizerIdentity.Of("fast-style", new { Settings = settings }));
    }
}
