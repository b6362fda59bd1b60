using NeuralStyle.Testing;
using System.Text.RegularExpressions;

namespace NeuralStyle.Tests.Docs;

/// <summary>
/// The C# snippets of README.md and docs/*.md are the regions of samples/NeuralStyle.Samples, which
/// CI compiles; and the Markdown's relative links point at files that exist.
/// </summary>
public sealed partial class DocsSnippetTests
{
    private static readonly string Root = RepositoryRoot.Find();

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Root, "*.md").Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")).Order())
        {
            data.Add(Path.GetRelativePath(Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void SnippetsAreTheCompiledSamples(string markdown)
    {
        string text = File.ReadAllText(Path.Combine(Root, markdown)).ReplaceLineEndings("\n");
        Dictionary<string, string> regions = SampleRegions();
        foreach (Match match in SnippetBlock().Matches(text))
        {
            string name = match.Groups["name"].Value;
            Assert.True(regions.ContainsKey(name), $"{markdown}: snippet '{name}' has no #region in samples/NeuralStyle.Samples");
            Assert.Equal(regions[name], match.Groups["code"].Value.TrimEnd('\n'));
        }
    }

    [Fact]
    public void TheReadmeAndGettingStartedShowTheCompiledExample()
    {
        Assert.Contains("<!-- snippet: getting-started -->", File.ReadAllText(Path.Combine(Root, "README.md")), StringComparison.Ordinal);
        Assert.Contains("<!-- snippet: getting-started -->", File.ReadAllText(Path.Combine(Root, "docs", "getting-started.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void RelativeLinksPointAtExistingFiles(string markdown)
    {
        string directory = Path.GetDirectoryName(Path.Combine(Root, markdown))!;
        foreach (Match link in RelativeLink().Matches(File.ReadAllText(Path.Combine(Root, markdown))))
        {
            string target = link.Groups["target"].Value.Split('#')[0];
            if (target.Length > 0)
            {
                Assert.True(Path.Exists(Path.Combine(directory, target)), $"{markdown}: link to '{target}' is broken");
            }
        }
    }

    private static Dictionary<string, string> SampleRegions()
    {
        var regions = new Dictionary<string, string>();
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "samples", "NeuralStyle.Samples"), "*.cs"))
        {
            foreach (Match region in Region().Matches(File.ReadAllText(file).ReplaceLineEndings("\n")))
            {
                string[] lines = region.Groups["code"].Value.Split('\n');
                int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
                regions[region.Groups["name"].Value] = string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
            }
        }

        return regions;
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SnippetBlock();

    [GeneratedRegex(@"#region (?<name>[\w-]+)\n(?<code>.*?)\n[ \t]*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"\]\((?<target>(?!https?:|mailto:|#)[^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
