using NeuralStyle.IO;
using NeuralStyle.Testing;

namespace NeuralStyle.Tests.IO;

/// <summary>The one rule for where a run may write: never an input (through any link), never a folder, an existing file only when overwriting.</summary>
public sealed class OutputGuardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-guard-").FullName;

    private string File(string name) => Path.Combine(_folder, name);

    private string Existing(string name)
    {
        string path = File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    [Fact]
    public void An_existing_output_is_refused_without_overwrite_and_accepted_with_it()
    {
        string output = Existing("out.png");

        OutputExistsException exists = Assert.Throws<OutputExistsException>(() => OutputGuard.EnsureWritable(output, [], overwrite: false));
        Assert.Contains($"'{output}' already exists", exists.Message, StringComparison.Ordinal);
        Assert.Contains("allow overwriting", exists.Message, StringComparison.Ordinal);

        Assert.Null(Record.Exception(() => OutputGuard.EnsureWritable(output, [], overwrite: true)));
        Assert.Null(Record.Exception(() => OutputGuard.EnsureWritable(File("new.png"), [], overwrite: false)));
        Assert.Equal([1, 2, 3], System.IO.File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_input_is_never_an_output_even_with_overwrite(bool overwrite)
    {
        string photo = Existing("photo.png");

        OutputConflictException conflict = Assert.Throws<OutputConflictException>(
            () => OutputGuard.EnsureWritable(photo, [(File("style.png"), "style image"), (photo, "content image")], overwrite));
        Assert.Contains($"The output '{photo}' is the content image '{photo}': choose another output.", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("Inputs are never overwritten, even when overwriting is allowed.", conflict.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("through a link", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_spelled_another_way_is_still_the_input()
    {
        string photo = Existing("photos/photo.png");
        string roundabout = Path.Combine(_folder, "photos", ".", "..", "photos", "photo.png");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, photo);
        Assert.False(Path.IsPathRooted(relative));

        foreach (string output in new[] { roundabout, relative })
        {
            OutputConflictException conflict = Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureNotAnInput(output, [(photo, "model file")]));
            Assert.Contains("is the model file", conflict.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("through a link", conflict.Message, StringComparison.Ordinal);
        }

        OutputConflictException reversed = Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureNotAnInput(photo, [(relative, "style image")]));
        Assert.Contains($"is the style image '{relative}'", reversed.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void An_input_reached_through_a_link_is_still_the_input_and_the_message_says_so()
    {
        string photo = Existing("photo.png");
        string link = File("link.png");
        System.IO.File.CreateSymbolicLink(link, photo);

        OutputConflictException toLink = Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureWritable(link, [(photo, "content image")], overwrite: true));
        Assert.Contains($"is the content image '{photo}' (through a link)", toLink.Message, StringComparison.Ordinal);

        OutputConflictException fromLink = Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureWritable(photo, [(link, "style image")], overwrite: true));
        Assert.Contains($"is the style image '{link}' (through a link)", fromLink.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void An_input_reached_through_a_linked_folder_is_still_the_input()
    {
        string photo = Existing("real/photo.png");
        string linked = File("linked");
        Directory.CreateSymbolicLink(linked, File("real"));

        OutputConflictException conflict = Assert.Throws<OutputConflictException>(
            () => OutputGuard.EnsureNotAnInput(Path.Combine(linked, "photo.png"), [(photo, "content image")]));
        Assert.Contains("(through a link)", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_never_an_output_file()
    {
        string folder = File("results");
        Directory.CreateDirectory(folder);

        foreach (bool overwrite in new[] { false, true })
        {
            OutputConflictException conflict = Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureWritable(folder, [], overwrite));
            Assert.Contains($"The output '{folder}' is a folder", conflict.Message, StringComparison.Ordinal);
            Assert.Contains($"'{Path.Combine(folder, "result.png")}'", conflict.Message, StringComparison.Ordinal);
        }

        Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureNotAnInput(folder, []));
    }

    [Fact]
    public void An_existing_input_is_reported_as_an_input_not_as_an_existing_output()
    {
        string photo = Existing("photo.png");
        Assert.Throws<OutputConflictException>(() => OutputGuard.EnsureWritable(photo, [(photo, "content image")], overwrite: false));
    }

    [Fact]
    public void Blank_and_other_inputs_are_no_conflict()
    {
        string style = Existing("style.png");
        (string Path, string Role)[] inputs = [(string.Empty, "mask"), ("   ", "mask"), (style, "style image"), (File("missing.png"), "content image")];

        Assert.Null(Record.Exception(() => OutputGuard.EnsureNotAnInput(File("out.png"), inputs)));
        Assert.Null(Record.Exception(() => OutputGuard.EnsureWritable(File("out.png"), inputs, overwrite: false)));
    }

    [Fact]
    public void Blank_or_missing_arguments_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => OutputGuard.EnsureWritable(" ", [], overwrite: true));
        Assert.Throws<ArgumentNullException>(() => OutputGuard.EnsureWritable(File("out.png"), null!, overwrite: true));
        Assert.ThrowsAny<ArgumentException>(() => OutputGuard.EnsureNotAnInput(string.Empty, []));
        Assert.Throws<ArgumentNullException>(() => OutputGuard.EnsureNotAnInput(File("out.png"), null!));
        Assert.ThrowsAny<ArgumentException>(() => OutputGuard.Canonical(" "));
    }

    [Fact]
    public void The_canonical_path_is_full_and_normalised_for_files_that_exist_or_not()
    {
        string real = OutputGuard.Canonical(_folder);
        Assert.True(Path.IsPathFullyQualified(real));
        string photo = Existing("photo.png");

        Assert.Equal(Path.Combine(real, "photo.png"), OutputGuard.Canonical(photo));
        Assert.Equal(Path.Combine(real, "photo.png"), OutputGuard.Canonical(Path.Combine(_folder, "sub", "..", "photo.png")));
        Assert.Equal(Path.Combine(real, "new.png"), OutputGuard.Canonical(Path.Combine(_folder, ".", "new.png")));
        Assert.Equal(OutputGuard.Canonical(photo), OutputGuard.Canonical(Path.GetRelativePath(Environment.CurrentDirectory, photo)));

        // A file in a folder that does not exist yet keeps its full path.
        string deep = Path.Combine(_folder, "missing", "deeper", "a.png");
        Assert.Equal(Path.GetFullPath(deep), OutputGuard.Canonical(deep));
    }

    [LinuxFact]
    public void The_canonical_path_resolves_the_files_link_and_its_folders_links()
    {
        string real = OutputGuard.Canonical(_folder);
        string photo = Existing("real/photo.png");
        System.IO.File.CreateSymbolicLink(File("link.png"), photo);
        Directory.CreateSymbolicLink(File("linked"), File("real"));

        Assert.Equal(Path.Combine(real, "real", "photo.png"), OutputGuard.Canonical(File("link.png")));
        Assert.Equal(Path.Combine(real, "real", "photo.png"), OutputGuard.Canonical(Path.Combine(File("linked"), "photo.png")));
        Assert.Equal(Path.Combine(real, "real", "new.png"), OutputGuard.Canonical(Path.Combine(File("linked"), "new.png")));
        Assert.Equal(Path.Combine(real, "real"), OutputGuard.Canonical(File("linked")));
    }

    [LinuxFact]
    public void Paths_that_differ_only_in_case_are_different_files_on_Linux()
    {
        Assert.Equal(StringComparison.Ordinal, OutputGuard.Comparison);
        Assert.False(OutputGuard.Comparer.Equals("/a/photo.png", "/a/PHOTO.PNG"));
        Assert.True(OutputGuard.Comparer.Equals("/a/photo.png", "/a/photo.png"));

        string photo = Existing("photo.png");
        Assert.Null(Record.Exception(() => OutputGuard.EnsureNotAnInput(File("PHOTO.PNG"), [(photo, "content image")])));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
