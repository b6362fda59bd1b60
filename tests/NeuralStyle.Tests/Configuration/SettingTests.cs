using NeuralStyle.Configuration;
using NeuralStyle.Testing;

namespace NeuralStyle.Tests.Configuration;

/// <summary>A <see cref="Setting"/> is a key compared by instance; the core declares the transfer's only.</summary>
public sealed class SettingTests
{
    [Fact]
    public void The_transfers_settings_are_distinct_instances_named_after_their_members()
    {
        IReadOnlyList<(string Member, Setting Setting)> declared = DeclaredSettings.Of(typeof(Setting));
        Assert.True(declared.Count > 30, $"only {declared.Count} settings declared");
        Assert.All(declared, d => Assert.Equal(d.Member, d.Setting.Name));
        Assert.Equal(declared.Count, declared.Select(d => d.Setting).Distinct().Count());
    }

    [Fact]
    public void A_setting_equals_only_itself_and_prints_its_name()
    {
        var own = new Setting("ContentWeight");
        Assert.NotEqual(Setting.ContentWeight, own);
        Assert.Equal(Setting.ContentWeight, Setting.ContentWeight);
        Assert.Equal("ContentWeight", own.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_setting_needs_a_name(string name) => Assert.Throws<ArgumentException>(() => new Setting(name));

    [Fact]
    public void The_core_declares_no_other_packages_settings() =>
        Assert.DoesNotContain(DeclaredSettings.Of(typeof(Setting)).Select(d => d.Setting), s => s.Name.StartsWith("Training", StringComparison.Ordinal) || s.Name.StartsWith("Stylize", StringComparison.Ordinal)
            || s.Name.StartsWith("FastStyle", StringComparison.Ordinal) || s.Name.StartsWith("Service", StringComparison.Ordinal) || s.Name.StartsWith("Paint", StringComparison.Ordinal));
}
