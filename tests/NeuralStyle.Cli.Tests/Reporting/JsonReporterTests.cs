using System.Text.Json;
using NeuralStyle.Cli.Reporting;

namespace NeuralStyle.Cli.Tests.Reporting;

/// <summary>--json: every event one JSON object on one line, named by "event", whatever its text holds; an error to both streams.</summary>
public sealed class JsonReporterTests
{
    [Fact]
    public void Each_event_is_one_line_of_JSON_even_when_its_text_has_quotes_and_newlines()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var reporter = new JsonReporter(new CliConsole(output, error, Interactive: false));

        reporter.Wrote("out/\"odd\"\nname.png", "photo.jpg in 12 ms");
        reporter.Failed(ExitCode.InvalidInput, "line 1: bad\nline 2: worse");

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        JsonElement wrote = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("wrote", wrote.GetProperty("event").GetString());
        Assert.Equal("out/\"odd\"\nname.png", wrote.GetProperty("path").GetString());
        JsonElement failed = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("error", failed.GetProperty("event").GetString());
        Assert.Equal((int)ExitCode.InvalidInput, failed.GetProperty("exitCode").GetInt32());
        Assert.Equal("line 1: bad\nline 2: worse", failed.GetProperty("message").GetString());
        Assert.StartsWith("neural-style: error: line 1: bad", error.ToString(), StringComparison.Ordinal);
    }
}
