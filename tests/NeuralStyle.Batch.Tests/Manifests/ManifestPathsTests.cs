using System.Text.Json;
using NeuralStyle.Batch.Manifests;

namespace NeuralStyle.Batch.Tests.Manifests;

/// <summary>A manifest's paths: resolved against its folder, absolute ones kept, and a value that can be no path a problem of its line, never an exception.</summary>
public sealed class ManifestPathsTests
{
    /// <summary>The manifest's folder: never created, as resolving a path reads no file.</summary>
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "neuralstyle-manifest-paths", "jobs");

    private static JsonElement Json(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [Fact]
    public void A_relative_path_is_resolved_against_the_manifests_folder()
    {
        var errors = new List<string>();

        Assert.Equal(Path.Combine(Folder, "photos", "a.jpg"), ManifestPaths.Resolve("photos/a.jpg", "content", Folder, errors));
        Assert.Equal(Path.Combine(Folder, "b.jpg"), ManifestPaths.Resolve("./photos/../b.jpg", "content", Folder, errors));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(Folder)!, "shared", "c.jpg"), ManifestPaths.Resolve("../shared/c.jpg", "style", Folder, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void An_absolute_path_is_kept()
    {
        var errors = new List<string>();
        string elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere", "d.png");

        Assert.Equal(elsewhere, ManifestPaths.Resolve(elsewhere, "output", Folder, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_NUL_character_is_a_problem_of_the_line_named_by_its_key()
    {
        var errors = new List<string>();

        Assert.Null(ManifestPaths.Resolve("a\0.png", "output", Folder, errors));
        string error = Assert.Single(errors);
        Assert.StartsWith("\"output\" has a NUL character (\\u0000)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_the_system_cannot_resolve_is_a_problem_not_an_exception()
    {
        // A folder that is not a full path: Path.GetFullPath refuses it, and the line says so.
        var errors = new List<string>();

        Assert.Null(ManifestPaths.Resolve("a.png", "content", Path.Combine("relative", "folder"), errors));
        string error = Assert.Single(errors);
        Assert.StartsWith("\"content\" is not a path this system can open (", error, StringComparison.Ordinal);
        Assert.EndsWith(").", error, StringComparison.Ordinal);
    }

    [Fact]
    public void One_path_or_an_array_of_paths_is_resolved()
    {
        var errors = new List<string>();

        Assert.Equal([Path.Combine(Folder, "s.jpg")], ManifestPaths.Many(Json("\"s.jpg\""), "style", Folder, errors)!);
        Assert.Equal(
            [Path.Combine(Folder, "p1.jpg"), Path.Combine(Folder, "sub", "p2.jpg")],
            ManifestPaths.Many(Json("[\"p1.jpg\", \"sub/p2.jpg\"]"), "style", Folder, errors)!);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("3")]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("[\"a.jpg\", 2]")]
    [InlineData("[\"a.jpg\", \"\"]")]
    [InlineData("[[\"a.jpg\"]]")]
    [InlineData("{\"path\": \"a.jpg\"}")]
    public void Anything_but_a_path_or_a_non_empty_array_of_paths_is_a_problem(string json)
    {
        var errors = new List<string>();

        Assert.Null(ManifestPaths.Many(Json(json), "style-mask", Folder, errors));
        Assert.Equal(["\"style-mask\" must be a path or a non-empty array of paths."], errors);
    }

    [Fact]
    public void A_NUL_character_in_one_path_of_an_array_is_the_one_problem()
    {
        var errors = new List<string>();

        Assert.Null(ManifestPaths.Many(Json("[\"a.jpg\", \"b\\u0000.jpg\", \"c.jpg\"]"), "style", Folder, errors));
        string error = Assert.Single(errors);
        Assert.Contains("\"style\" has a NUL character", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_are_added_to_the_lines_earlier_ones()
    {
        var errors = new List<string> { "an earlier problem" };

        Assert.Null(ManifestPaths.Many(Json("[]"), "style", Folder, errors));
        Assert.Equal(["an earlier problem", "\"style\" must be a path or a non-empty array of paths."], errors);
    }
}
