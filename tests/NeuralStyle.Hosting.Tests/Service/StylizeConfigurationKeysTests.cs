using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Hosting.Service;

namespace NeuralStyle.Hosting.Tests.Service;

/// <summary>The service binds its stylise defaults by the keys the settings' descriptions give (<see cref="SettingDescription.ConfigurationKey"/>).</summary>
public sealed class StylizeConfigurationKeysTests
{
    public static TheoryData<string> Keys => [.. StylizeSettingDescriptions.All.Select(d => d.ConfigurationKey)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_description_s_configuration_key_sets_its_option(string key)
    {
        SettingDescription description = StylizeSettingDescriptions.All.Single(d => d.ConfigurationKey == key);
        string value = description.Range is ValueRange range
            ? Within(range).ToString(CultureInfo.InvariantCulture)
            : nameof(ColorPreservation.LuminanceOnly);
        string section = NeuralStyleServiceOptions.SectionName;
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{section}:ModelPath"] = "shipwreck", [$"{section}:Stylize:{key}"] = value })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddSingleton(configuration).AddNeuralStyle().BuildServiceProvider();

        StylizeOptions bound = services.GetRequiredService<IOptions<NeuralStyleServiceOptions>>().Value.Stylize;

        object? read = typeof(StylizeOptions).GetProperty(key)!.GetValue(bound);
        object? before = typeof(StylizeOptions).GetProperty(key)!.GetValue(new NeuralStyleServiceOptions().Stylize);
        Assert.Equal(value, Convert.ToString(read, CultureInfo.InvariantCulture));
        Assert.NotEqual(value, Convert.ToString(before, CultureInfo.InvariantCulture));
    }

    /// <summary>A valid value that is no default: the middle of a bounded range, one above the minimum of an open one.</summary>
    private static double Within(ValueRange range) =>
        double.IsPositiveInfinity(range.Maximum) ? range.Minimum + 1 : Math.Floor((range.Minimum + range.Maximum) / 2 * 2) / 2;
}
