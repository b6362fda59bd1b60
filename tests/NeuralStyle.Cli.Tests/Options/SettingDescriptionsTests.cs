using System.CommandLine;
using NeuralStyle.Batch.Sharding;
using NeuralStyle.Cli.FastStyle;
using NeuralStyle.Cli.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.FastStyle.Training;
using NeuralStyle.Testing;

namespace NeuralStyle.Cli.Tests.Options;

/// <summary>
/// Settings are described once, in the libraries: every command's option for a setting is made from
/// its description, and the documentation's tables are too. Run with NEURALSTYLE_UPDATE_DOCS=1 to
/// write the tables after changing a description.
/// </summary>
public sealed class SettingDescriptionsTests
{
    public static TheoryData<string, string> Tables => new()
    {
        { "docs/options.md", "transfer" },
        { "docs/fast-style.md", "apply" },
        { "docs/fast-style.md", "train" },
        { "docs/batch.md", "batch" },
        { "docs/options.md", "limits" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_documentation_tables_are_made_from_the_descriptions(string file, string table)
    {
        string path = Path.Combine(RepositoryRoot.Find(), file);
        string text = File.ReadAllText(path);
        string start = $"<!-- settings: {table} -->\n", end = "<!-- /settings -->";
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{file} has no '{start.Trim()}' marker");
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        string expected = SettingsTable.Markdown(Descriptions(table), manifestKeys: table is not ("train" or "batch" or "limits")) + "\n";
        if (Environment.GetEnvironmentVariable("NEURALSTYLE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, string.Concat(text.AsSpan(0, from), expected, text.AsSpan(to)));
            return;
        }

        Assert.True(text[from..to] == expected, $"{file}'s {table} table is not the descriptions' (NEURALSTYLE_UPDATE_DOCS=1 dotnet test --filter SettingDescriptionsTests writes it):\n{expected}");
    }

    [Fact]
    public void Every_option_named_by_a_setting_key_is_made_from_its_description_and_every_description_has_an_option()
    {
        var used = new HashSet<SettingDescription>();
        foreach (Command command in Commands())
        {
            // The style command's run options (a cadence, not a setting of the result) beside its settings' table.
            IReadOnlyList<SettingDescription> catalog = command is RootCommand
                ? [.. Descriptions("transfer"), SettingDescriptions.SnapshotEvery]
                : [.. Descriptions(command.Name)];
            foreach (Option option in command.Options.Where(o => !o.Hidden))
            {
                if (catalog.FirstOrDefault(d => DescribedOptions.NameOf(d) == option.Name) is SettingDescription description)
                {
                    Assert.True(option.Description?.StartsWith(description.Help, StringComparison.Ordinal), $"{command.Name} {option.Name}: '{option.Description}' is not {description.Name}'s help");
                    Assert.Equal(description.Aliases.Select(a => "--" + a), option.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)));
                    used.Add(description);
                }
            }
        }

        Assert.Empty(DescribedOptions.Known.Except(used).Select(d => d.Name));
    }

    [Fact]
    public void An_option_name_means_one_thing_across_commands()
    {
        var meanings = Commands()
            .SelectMany(c => c.Options.Select(o => (Command: c.Name, Option: o)))
            .Where(p => DescribedOptions.Known.Any(d => DescribedOptions.NameOf(d) == p.Option.Name))
            .GroupBy(p => p.Option.Name);
        foreach (var group in meanings)
        {
            string[] helps = [.. group.Select(p => p.Option.Description!).Distinct()];
            string[] descriptions = [.. DescribedOptions.Known.Where(d => DescribedOptions.NameOf(d) == group.Key).Select(d => d.Name).Distinct()];
            Assert.True(
                descriptions.Length == 1 || SharedMeanings.Contains(group.Key),
                $"{group.Key} is {string.Join(" and ", descriptions)} in {string.Join(", ", group.Select(p => p.Command))}");
            Assert.NotEmpty(helps);
        }
    }

    [Fact]
    public void A_fast_network_shows_no_tile_size_and_train_shows_no_size()
    {
        Command[] commands = Commands();
        Assert.True(commands.Single(c => c.Name == "apply").Options.Single(o => o.Name == "--tile-size").Hidden);
        Assert.Contains(commands.Single(c => c.Name == "apply").Options, o => o.Name == "--max-tile-size" && !o.Hidden);
        Assert.True(commands.Single(c => c.Name == "train").Options.Single(o => o.Name == "--size").Hidden);
    }

    [Theory]
    [InlineData("64")]
    [InlineData("abc")]
    public async Task Train_given_size_points_to_the_crop_size(string value)
    {
        CliRun run = await CliRun.RunAsync("train", "style.jpg", "--images", "photos", "-o", "m.safetensors", "--size", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--size is a result's size; the side of the training crops is --crop-size.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_given_a_transfers_tile_size_points_to_the_largest_tile()
    {
        CliRun run = await CliRun.RunAsync("apply", "starry-night", "photo.jpg", "-o", "out.png", "--tile-size", "512");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--tile-size is a transfer's tile core; a fast network's largest tile, overlap included, is --max-tile-size.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", "--memory-limit must be a whole number of at least 64 (got 1).")]
    [InlineData("abc", "--memory-limit must be a whole number (got 'abc').")]
    [InlineData("99999999999", "--memory-limit must be a whole number (got '99999999999').")]
    public async Task Apply_refuses_a_memory_limit_outside_its_range_in_mebibytes(string value, string expected)
    {
        CliRun run = await CliRun.RunAsync("apply", "starry-night", "photo.jpg", "-o", "out.png", "--memory-limit", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_takes_the_memory_limit_in_mebibytes()
    {
        var options = new StylizeOptionSet();
        var command = new Command("apply");
        options.AddTo(command);

        StylizeOptions read = options.Read(command.Parse(["--memory-limit", "64"]));

        Assert.Equal(64L << 20, read.MemoryLimitBytes);
    }

    [Fact]
    public void A_library_message_names_settings_the_api_way_and_the_command_line_adds_the_option()
    {
        string message = DescribedOptions.Annotate("Stylise it smaller (StylizeOptions.Size), or raise StylizeOptions.MemoryLimitBytes.");

        Assert.Equal("Stylise it smaller (StylizeOptions.Size (--size)), or raise StylizeOptions.MemoryLimitBytes (--memory-limit).", message);
        Assert.Equal(message, DescribedOptions.Annotate(message));
    }

    [Fact]
    public void A_suggested_value_is_written_as_options_on_the_command_line_and_as_the_api_elsewhere()
    {
        var problem = new ConfigurationProblem(Setting.NormalizeGradients, "NormalizeGradients needs Adam or SGD.", "Use Adam.")
        {
            Suggestions = [new SettingValue(SettingDescriptions.Optimizer, "adam"), new SettingValue(SettingDescriptions.Evaluations, "500")],
        };

        Assert.Equal("NormalizeGradients needs Adam or SGD. Use Adam. (OptimizationSettings.Optimizer = adam, OptimizationSettings.Evaluations = 500)", problem.ToString());
        Assert.Equal("NormalizeGradients needs Adam or SGD. Use Adam. (--optimizer adam --iterations 500)", problem.ToString(v => $"{DescribedOptions.NameOf(v.Description)} {v.Value}", " "));
    }

    /// <summary>
    /// Keys two settings share because they mean the same to a user: how much style (0 the photo, 1 the
    /// most), the result's longest side, keeping the photo's colours, the optimiser's step size, the
    /// seed of randomness.
    /// </summary>
    private static readonly HashSet<string> SharedMeanings = ["--strength", "--size", "--preserve-colors", "--learning-rate", "--seed"];

    private static IEnumerable<SettingDescription> Descriptions(string table) => table switch
    {
        "transfer" => [SettingDescriptions.Preset, .. SettingDescriptions.Transfer, SettingDescriptions.StyleBlendWeight, SettingDescriptions.StyleMask],
        "apply" => StylizeOptionSet.Descriptions,
        "train" => TrainingSettingDescriptions.All,
        "batch" => [.. ShardSettingDescriptions.All, .. ImageLimitOptions.Descriptions],
        "limits" => ImageLimitOptions.Descriptions,
        _ => [],
    };

    /// <summary>The style command (the root) and every fast-style command, as the app builds them.</summary>
    private static Command[] Commands()
    {
        var root = new RootCommand();
        new StyleCommand().AddTo(root);
        return [root, .. FastStyleCommands.Create(_ => throw new InvalidOperationException("not run")), Cli.Batch.BatchCommand.Create(_ => throw new InvalidOperationException("not run"))];
    }
}
