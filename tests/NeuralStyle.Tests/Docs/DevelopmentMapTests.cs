using System.Text.RegularExpressions;
using System.Xml.Linq;
using NeuralStyle.Testing;

namespace NeuralStyle.Tests.Docs;

/// <summary>
/// docs/development.md's map of the code is checked the way the docs' snippets are: the packages table
/// against the project files, every folder of every package named in the map, and every type or member
/// name the map gives found in the code, every public type of every package named on the map; and the test
/// projects mirror the packages' folders.
/// </summary>
public sealed partial class DevelopmentMapTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static string Map => File.ReadAllText(Path.Combine(Root, "docs", "development.md"));

    private static IEnumerable<string> Projects => Directory.GetDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).Where(n => n!.StartsWith("NeuralStyle", StringComparison.Ordinal))!;

    public static TheoryData<string> Packages => [.. Projects];

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_packages_table_gives_each_projects_references_and_friend_assemblies(string project)
    {
        Match row = Regex.Match(Map, $@"^\| {Regex.Escape(project)} \| (?<references>[^|]+) \| (?<friends>[^|]+) \|$", RegexOptions.Multiline);
        Assert.True(row.Success, $"docs/development.md has no row for {project} in its packages table");
        XDocument csproj = XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj"));
        string[] references = csproj.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order(StringComparer.Ordinal).ToArray();
        string[] friends = csproj.Descendants("InternalsVisibleTo").Select(r => r.Attribute("Include")!.Value)
            .Where(n => !n.EndsWith(".Tests", StringComparison.Ordinal) && n != "NeuralStyle.Benchmarks").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(references, Names(row.Groups["references"].Value));
        Assert.Equal(friends, Names(row.Groups["friends"].Value));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_folder_of_a_package_is_on_the_map(string project)
    {
        string[] folders = Directory.GetDirectories(Path.Combine(Root, "src", project))
            .Select(Path.GetFileName)
            .Where(f => f is not ("bin" or "obj" or "Properties" or "buildTransitive" or "Models"))
            .ToArray()!;
        Assert.All(folders, folder => Assert.True(
            Map.Contains($"`{folder}/`", StringComparison.Ordinal) || Map.Contains($"`{folder}/", StringComparison.Ordinal),
            $"src/{project}/{folder}/ is not on docs/development.md's map"));
    }

    [Fact]
    public void Every_name_the_map_gives_is_in_the_code()
    {
        string[] kinds = ["*.cs", "*.csproj", "*.props", "*.targets"];
        string code = string.Join('\n', new[] { "src", "samples", "tests", "benchmarks", "build" }
            .SelectMany(d => kinds.SelectMany(kind => Directory.EnumerateFiles(Path.Combine(Root, d), kind, SearchOption.AllDirectories)))
            .Concat(Directory.EnumerateFiles(Root, "Directory.Build.*"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        string[] missing = TypeName().Matches(Map).Select(m => m.Groups["name"].Value).Distinct()
            .Where(name => !Regex.IsMatch(code, $@"\b{Regex.Escape(name)}\b"))
            .ToArray();
        Assert.True(missing.Length == 0, $"docs/development.md names what the code does not have: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// Every public type a package declares (its PublicAPI files' type lines; a nested type is covered by
    /// the type it is declared in) is named on the map, so the map is the package's whole public surface.
    /// </summary>
    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_public_type_of_a_package_is_on_the_map(string project)
    {
        string[] declared = [.. Directory.EnumerateFiles(Path.Combine(Root, "src", project), "PublicAPI.*.txt")
            .SelectMany(File.ReadLines)
            .Select(line => line.TrimStart('~'))
            .Where(line => PublicTypeLine().IsMatch(line))
            .Distinct(StringComparer.Ordinal)];
        string[] outermost = [.. declared.Where(type => !declared.Any(outer => type.StartsWith(Generic().Replace(outer, string.Empty) + ".", StringComparison.Ordinal)))];
        string[] missing = [.. outermost.Where(type => !Regex.IsMatch(Map, $@"`{Regex.Escape(SimpleName(type))}\b"))];
        Assert.True(outermost.Length > 0 || project == "NeuralStyle.Cli", $"src/{project} declares no public type in its PublicAPI files");
        Assert.True(missing.Length == 0, $"docs/development.md does not name these public types of {project}: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_tests_mirror_the_packages_folders(string project)
    {
        string src = Path.Combine(Root, "src", project);
        string tests = Path.Combine(Root, "tests", project + ".Tests");
        if (!Directory.Exists(tests))
        {
            return;
        }

        string[] testFiles = [.. Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tests, f)).Where(f => !IsBuildOutput(f))];
        string[] sourceFiles = [.. Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(src, f)).Where(f => !IsBuildOutput(f))];
        var misplaced = new List<string>();
        foreach (string folder in testFiles.Select(f => Path.GetDirectoryName(f) ?? string.Empty).Where(d => d.Length > 0).Distinct())
        {
            if (!Directory.Exists(Path.Combine(src, folder)) && folder is not ("Fixtures" or "Docs"))
            {
                misplaced.Add($"tests/{project}.Tests/{folder}/ mirrors no folder of src/{project}");
            }
        }

        foreach (string test in testFiles.Where(f => f.EndsWith("Tests.cs", StringComparison.Ordinal)))
        {
            string subject = Path.GetFileName(test)[..^"Tests.cs".Length];
            string[] homes = [.. sourceFiles.Where(f => Path.GetFileName(f) == subject + ".cs").Select(f => Path.GetDirectoryName(f) ?? string.Empty)];
            if (Directory.Exists(Path.Combine(src, subject)))
            {
                homes = [.. homes, subject];
            }

            string at = Path.GetDirectoryName(test) ?? string.Empty;
            if (homes.Length > 0 && !homes.Contains(at))
            {
                misplaced.Add($"tests/{project}.Tests/{test} tests src/{project}/{(homes[0].Length == 0 ? string.Empty : homes[0] + "/")}{subject}: move it to tests/{project}.Tests/{homes[0]}");
            }
        }

        Assert.True(misplaced.Count == 0, string.Join(Environment.NewLine, misplaced));
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string[] Names(string cell) =>
        cell.Trim() == "(none)" ? [] : cell.Split(',').Select(n => n.Trim()).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A type's name without its namespace, outer types or type parameters: <c>SynchronousProgress</c> for <c>NeuralStyle.Engine.SynchronousProgress&lt;T&gt;</c>.</summary>
    private static string SimpleName(string type)
    {
        string plain = Generic().Replace(type, string.Empty);
        return plain[(plain.LastIndexOf('.') + 1)..];
    }

    /// <summary>A PublicAPI file's line that declares a type: its full name alone, generic or not (members have a signature, enum values a value).</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:<[A-Za-z0-9_, ]+>)?$")]
    private static partial Regex PublicTypeLine();

    /// <summary>A type's parameter list, <c>&lt;T&gt;</c>.</summary>
    [GeneratedRegex(@"<[^>]*>$")]
    private static partial Regex Generic();

    /// <summary>A backticked code name: PascalCase with at least two capitals (e.g. `StylizePipeline`), optionally generic.</summary>
    [GeneratedRegex(@"`(?<name>[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)(?:<T>)?`")]
    private static partial Regex TypeName();
}
