using System.Globalization;
using NeuralStyle.Configuration;
using NeuralStyle.Losses;

namespace NeuralStyle.Tests.Configuration;

/// <summary>How every host reads a setting's text: invariant numbers, true/false flags, kebab-case names and aliases.</summary>
public sealed class SettingTextTests
{
    [Fact]
    public void Numbers_are_read_in_the_invariant_culture_whatever_the_machine_s()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(SettingText.TryParse(" 0.5 ", out double half));
            Assert.Equal(0.5, half);
            Assert.False(SettingText.TryParse("0,5", out double _));
            Assert.True(SettingText.TryParse("1e-6", out double small));
            Assert.Equal(1e-6, small);
            Assert.False(SettingText.TryParse("1.5", out int _));
            Assert.True(SettingText.TryParse("-3", out long minus));
            Assert.Equal(-3, minus);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Names_are_kebab_or_pascal_case_or_an_alias_ignoring_case_and_flags_true_or_false()
    {
        var aliases = new Dictionary<string, StyleLossKind> { ["mean-cov"] = StyleLossKind.MeanCovariance };
        Assert.True(SettingText.TryParse("Mean-Covariance", out StyleLossKind kebab));
        Assert.True(SettingText.TryParse("MeanCovariance", out StyleLossKind pascal));
        Assert.True(SettingText.TryParse("MEAN-COV", out StyleLossKind alias, aliases));
        Assert.Equal([StyleLossKind.MeanCovariance, StyleLossKind.MeanCovariance, StyleLossKind.MeanCovariance], new[] { kebab, pascal, alias });
        Assert.False(SettingText.TryParse("mean-cov", out StyleLossKind _));
        Assert.False(SettingText.TryParse("1", out StyleLossKind _));
        Assert.True(SettingText.TryParse("True", out bool on));
        Assert.True(on);
        Assert.False(SettingText.TryParse("yes", out bool _));
        Assert.Equal("one of gram, mean-covariance, wasserstein", SettingText.Expected(typeof(StyleLossKind)));
        Assert.Equal("a whole number", SettingText.Expected(typeof(int?)));
        Assert.Equal("a number such as 0.5", SettingText.Expected(typeof(double[])));
        Assert.True(SettingText.TryParse(" stage1 ", out string layer));
        Assert.Equal("stage1", layer);
        Assert.False(SettingText.TryParse("  ", out string _));
        Assert.Equal("a name", SettingText.Expected(typeof(string)));
        Assert.Throws<NotSupportedException>(() => SettingText.TryParse("1", out float _));
    }

    [Fact]
    public void A_binding_that_writes_an_enum_its_own_way_shows_and_reads_those_names_beside_the_kebab_ones()
    {
        var written = new SettingBinding<StyleTransferSettings, StyleLossKind>(
            SettingDescriptions.StyleLoss, (s, _) => s, writtenAs: k => k == StyleLossKind.MeanCovariance ? "meancov" : k.ToString().ToLowerInvariant());
        Assert.Equal(["gram", "meancov", "wasserstein"], written.Names);
        Assert.Equal("one of gram, meancov, wasserstein", written.Expected);
        Assert.True(written.TryParse(" MEANCOV ", out StyleLossKind own));
        Assert.True(written.TryParse("mean-covariance", out StyleLossKind kebab));
        Assert.Equal([StyleLossKind.MeanCovariance, StyleLossKind.MeanCovariance], new[] { own, kebab });
        Assert.False(written.TryParse("mean", out StyleLossKind _));

        Assert.Equal(["gram", "mean-covariance", "wasserstein"], new SettingBinding<StyleTransferSettings, StyleLossKind>(SettingDescriptions.StyleLoss, (s, _) => s).Names);
        Assert.Empty(TransferSettingBindings.Size.Names);
        Assert.Throws<ArgumentException>(() => new SettingBinding<StyleTransferSettings, int>(SettingDescriptions.Size, (s, _) => s, writtenAs: i => "x"));
        Assert.Throws<ArgumentException>(() => new SettingBinding<StyleTransferSettings, StyleLossKind>(SettingDescriptions.StyleLoss, (s, _) => s, writtenAs: k => "same"));
        Assert.Throws<ArgumentException>(() => new SettingBinding<StyleTransferSettings, StyleLossKind>(SettingDescriptions.StyleLoss, (s, _) => s, writtenAs: k => k == StyleLossKind.Gram ? " " : k.ToString()));
    }

    [Fact]
    public void A_binding_reads_applies_and_checks_its_range_on_read_only_when_asked()
    {
        SettingBinding<StyleTransferSettings, int> size = TransferSettingBindings.Size;
        Assert.True(size.TryApply(StyleTransferSettings.Default, "8", out StyleTransferSettings tiny));
        Assert.Equal(8, tiny.Image.Size.Pixels);
        Assert.False(size.TryApply(StyleTransferSettings.Default, "big", out StyleTransferSettings unchanged));
        Assert.Same(StyleTransferSettings.Default, unchanged);

        var checkedOnRead = new SettingBinding<StyleTransferSettings, int>(SettingDescriptions.Size, (s, _) => s) { RangeCheckedOnRead = true };
        Assert.False(checkedOnRead.Accepts("8"));
        Assert.True(checkedOnRead.Accepts("512"));
        Assert.Equal(SettingDescriptions.Size.Range!.ToString(), checkedOnRead.Expected);
        Assert.True(TransferSettingBindings.Evaluations.IsNamed("evaluations"));
        Assert.Throws<ArgumentException>(() => new SettingBinding<StyleTransferSettings, float>(SettingDescriptions.Size, (s, _) => s));
        Assert.Throws<ArgumentException>(() => new SettingBinding<StyleTransferSettings, int?>(SettingDescriptions.Size, (s, _) => s));
    }

    [Fact]
    public void Flags_apply_only_when_true_and_the_rules_name_settings_as_the_host_does()
    {
        Assert.True(TransferSettingBindings.MultiScale.IsFlag);
        Assert.False(new SettingBinding<StyleTransferSettings, bool>(SettingDescriptions.NormalizeGradients, (s, on) => s.WithObjective(o => o with { NormalizeGradients = on })).IsFlag);
        Assert.False(TransferSettingBindings.Size.IsFlag);
        Assert.Same(StyleTransferSettings.Default, TransferSettingBindings.MultiScale.Apply(StyleTransferSettings.Default, false));
        Assert.NotNull(TransferSettingBindings.MultiScale.Apply(StyleTransferSettings.Default, true).Optimization.MultiScale);

        IReadOnlyList<string> conflicts = TransferSettingBindings.Conflicts(
            b => b == TransferSettingBindings.PreserveColors || b == TransferSettingBindings.ColorMatch || b == TransferSettingBindings.TileHalo, d => $"<{d.Key}>");
        Assert.Equal(
            ["<preserve-colors> and <color-match> are two ways to keep the content's colours: choose one.", "<tile-halo> applies to tiled evaluation: add <tile-size> (e.g. 512) or drop it."],
            conflicts);
        Assert.Empty(TransferSettingBindings.Conflicts(b => b == TransferSettingBindings.MultiScale || b == TransferSettingBindings.MultiScaleSmallestSide, d => d.Key));
        Assert.Null(TransferSettingBindings.PerStyleProblem("w", 2, 2, "weight"));
        Assert.Equal("w has 1 weight(s) for 2 style image(s): give one weight per style image.", TransferSettingBindings.PerStyleProblem("w", 1, 2, "weight"));
    }
}
