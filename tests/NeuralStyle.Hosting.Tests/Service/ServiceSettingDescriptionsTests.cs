using System.Globalization;
using Microsoft.Extensions.Configuration;
using NeuralStyle.Configuration;
using NeuralStyle.Hosting.Service;
using NeuralStyle.Testing;

namespace NeuralStyle.Hosting.Tests.Service;

/// <summary>
/// The service's limits are described once: the descriptions name the configuration keys that bind,
/// the defaults the options have, the ranges the start-up check enforces, and docs/service.md's table
/// (NEURALSTYLE_UPDATE_DOCS=1 writes it).
/// </summary>
public sealed class ServiceSettingDescriptionsTests
{
    public static TheoryData<string> Keys => [.. ServiceSettingDescriptions.All.Select(d => d.Key)];

    public static TheoryData<string, bool> Ranged
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (SettingDescription description in ServiceSettingDescriptions.All.Where(d => d.Range is not null))
            {
                data.Add(description.Key, false);
                data.Add(description.Key, true);
            }

            return data;
        }
    }

    private static SettingDescription Of(string key) => ServiceSettingDescriptions.All.Single(d => d.Key == key);

    private static string[] Failures(NeuralStyleServiceOptions options) => new NeuralStyleServiceOptionsValidator().Validate(null, options).Failures?.ToArray() ?? [];

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_path_binds_the_property_and_the_default_is_the_options(string key)
    {
        SettingDescription description = Of(key);
        string path = ServiceSettingDescriptions.ConfigurationPath(description);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection([new(path, "77")]).Build();
        var options = new NeuralStyleServiceOptions();
        configuration.GetSection(NeuralStyleServiceOptions.SectionName).Bind(options);

        Assert.Equal(77, Read(options, description));
        if (Read(new NeuralStyleServiceOptions(), description) is int value)
        {
            Assert.Equal(description.Default, value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            // Unset by default: the description says whose default applies instead.
            Assert.DoesNotMatch("^[0-9]", description.Default);
        }
    }

    [Theory]
    [MemberData(nameof(Ranged))]
    public void The_start_up_check_refuses_a_value_outside_the_range_by_its_path(string key, bool above)
    {
        SettingDescription description = Of(key);
        ValueRange range = description.Range!;
        if (above && double.IsPositiveInfinity(range.Maximum))
        {
            return; // no upper bound to cross
        }

        var options = new NeuralStyleServiceOptions { ModelPath = "starry-night", MaxRetainedJobs = 100_000 };
        Write(options, description, above ? (int)range.Maximum + 1 : (int)range.Minimum - 1);

        Assert.Contains(Failures(options), f => f.StartsWith(ServiceSettingDescriptions.ConfigurationPath(description), StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_pass_and_too_few_retained_jobs_are_refused_by_their_path()
    {
        Assert.Empty(Failures(new NeuralStyleServiceOptions { ModelPath = "starry-night" }));
        var options = new NeuralStyleServiceOptions { ModelPath = "starry-night" };
        options.MaxRetainedJobs = options.QueueCapacity + options.MaxDegreeOfParallelism + options.Paint.QueueCapacity;
        Assert.Equal(
            [$"{ServiceSettingDescriptions.ConfigurationPath(ServiceSettingDescriptions.MaxRetainedJobs)} ({options.MaxRetainedJobs}) must hold at least the queued and running jobs ({options.MaxRetainedJobs + 1}). {ServiceSettingDescriptions.MaxRetainedJobs.Fix}"],
            Failures(options));
    }

    [Fact]
    public void The_documentation_table_is_made_from_the_descriptions()
    {
        string path = Path.Combine(RepositoryRoot.Find(), "docs/service.md");
        string text = File.ReadAllText(path);
        string start = "<!-- settings: service -->\n", end = "<!-- /settings -->";
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"docs/service.md has no '{start.Trim()}' marker");
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        string expected = string.Join('\n', [
            "| configuration key | API | default | valid | what it does |",
            "|---|---|---|---|---|",
            .. ServiceSettingDescriptions.All.Select(d => $"| `{ServiceSettingDescriptions.ConfigurationPath(d)}` | `{d.Name}` | {d.Default} | {d.Valid} | {d.Help} |")]) + "\n";
        if (Environment.GetEnvironmentVariable("NEURALSTYLE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, string.Concat(text.AsSpan(0, from), expected, text.AsSpan(to)));
            return;
        }

        Assert.True(text[from..to] == expected, $"docs/service.md's service table is not the descriptions' (NEURALSTYLE_UPDATE_DOCS=1 writes it):\n{expected}");
    }

    private static object Target(NeuralStyleServiceOptions options, SettingDescription description) =>
        description.Name.StartsWith(nameof(PaintServiceOptions), StringComparison.Ordinal) ? options.Paint : options;

    private static int? Read(NeuralStyleServiceOptions options, SettingDescription description)
    {
        object target = Target(options, description);
        return (int?)target.GetType().GetProperty(description.ConfigurationKey)!.GetValue(target);
    }

    private static void Write(NeuralStyleServiceOptions options, SettingDescription description, int value)
    {
        object target = Target(options, description);
        target.GetType().GetProperty(description.ConfigurationKey)!.SetValue(target, value);
    }

    [Fact]
    public void Each_description_names_one_of_the_services_own_keys()
    {
        IReadOnlyList<(string Member, Setting Setting)> own = DeclaredSettings.Of(typeof(ServiceSetting));
        Assert.All(own, d => Assert.Equal($"Service.{d.Member}", d.Setting.Name));
        Setting[] allowed = [.. own.Select(d => d.Setting), .. DeclaredSettings.Of(typeof(Setting)).Select(d => d.Setting)];
        Assert.All(ServiceSettingDescriptions.All, d => Assert.Contains(d.Setting, allowed));
    }
}
