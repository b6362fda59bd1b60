using System.CommandLine;
using System.Text.Json;
using NeuralStyle.Batch.Manifests;
using NeuralStyle.Batch.Running;
using NeuralStyle.Configuration;

namespace NeuralStyle.Cli.Tests.Batch;

/// <summary>One meaning per key: every transfer setting a manifest line gives binds to the same settings as the command's option of that name.</summary>
public sealed class ManifestBindingTests : IDisposable
{
    /// <summary>A value other than the default for each setting, with what it needs beside it.</summary>
    private static readonly Dictionary<string, (object Value, (string Key, object Value)[] With)> Samples = new()
    {
        ["size"] = (300, []), ["iterations"] = (7, []), ["strength"] = (0.8, []), ["content-weight"] = (2.5, []), ["style-weight"] = (3.5, []), ["tv-weight"] = (4.5, []),
        ["optimizer"] = ("adam", []), ["learning-rate"] = (0.2, [("optimizer", "sgd")]), ["average-decay"] = (0.9, []), ["init"] = ("noise", []), ["seed"] = (5, []),
        ["preserve-colors"] = (true, []), ["color-match"] = (true, []), ["style-scale"] = (0.5, []), ["style-loss"] = ("mean-cov", []), ["normalize-gradients"] = (true, []),
        ["multi-scale"] = (true, []), ["min-size"] = (64, [("multi-scale", true)]), ["scale-iterations"] = (3, [("multi-scale", true)]),
        ["tile-size"] = (128, []), ["tile-halo"] = (16, [("tile-size", 96)]),
    };

    private readonly WorkDirectory _work = new();

    [Fact]
    public void Every_transfer_key_binds_as_its_option_does()
    {
        Assert.Equal(TransferSettingBindings.All.Select(b => b.Description.Key).Order(), Samples.Keys.Order());
        foreach ((string key, (object value, (string Key, object Value)[] with)) in Samples)
        {
            (string Key, object Value)[] given = [.. with, (key, value)];
            StyleTransferSettings fromOption = FromCommandLine(given);
            StyleTransferSettings fromLine = FromManifest(given);
            Assert.True(fromLine == fromOption, $"\"{key}\" binds differently in a manifest and on the command line");
            Assert.True(fromLine != FromManifest(with), $"\"{key}\" changed nothing");
        }
    }

    private StyleTransferSettings FromCommandLine((string Key, object Value)[] given)
    {
        var style = new StyleCommand();
        var command = new Command("style");
        style.AddTo(command);
        Cli.Options.Numbers.UseOn(command);
        string[] options = [.. given.SelectMany(g => g.Value is bool ? new[] { "--" + g.Key } : ["--" + g.Key, Convert.ToString(g.Value, System.Globalization.CultureInfo.InvariantCulture)!])];
        ParseResult parsed = command.Parse([_work.Content, _work.Style, "-o", _work.File("out.png"), .. options]);
        Assert.Empty(parsed.Errors);
        return style.Bind(parsed).Settings;
    }

    private StyleTransferSettings FromManifest((string Key, object Value)[] given)
    {
        string manifest = _work.File("line.jsonl");
        var line = new Dictionary<string, object> { ["content"] = "content.png", ["style"] = "style.png", ["output"] = "out.png" };
        foreach ((string key, object value) in given)
        {
            line[key] = value;
        }

        File.WriteAllText(manifest, JsonSerializer.Serialize(line));
        (IReadOnlyList<ManifestLine> lines, IReadOnlyList<BatchProblem> problems) = Manifest.Read(manifest);
        Assert.Empty(problems);
        return Assert.Single(lines).Transfer!.Settings;
    }

    public void Dispose() => _work.Dispose();
}
