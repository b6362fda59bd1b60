using NeuralStyle.IO;

namespace NeuralStyle.Tests.IO;

/// <summary>The one check of a file to read: it exists and is a file, or the message says which is wrong and how to fix it.</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-input-").FullName;

    [Fact]
    public void A_file_that_exists_has_no_problem()
    {
        string path = Path.Combine(_folder, "model.bin");
        File.WriteAllBytes(path, [1]);

        Assert.Null(InputFile.Problem(path, "model file"));
        Assert.Null(InputFile.Describe(path, "model file"));
        Assert.Null(Record.Exception(() => InputFile.EnsureExists(path, "model file")));
    }

    [Fact]
    public void A_missing_file_is_named_as_missing()
    {
        string path = Path.Combine(_folder, "missing.png");

        Assert.Equal<(string, string)?>(($"The style image '{path}' does not exist.", "Check the path."), InputFile.Describe(path, "style image"));
        Assert.Equal($"The style image '{path}' does not exist. Check the path.", InputFile.Problem(path, "style image"));
        FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => InputFile.EnsureExists(path, "style image"));
        Assert.Equal($"The style image '{path}' does not exist. Check the path.", e.Message);
        Assert.Equal(path, e.FileName);
    }

    [Fact]
    public void A_folder_is_named_as_a_folder_not_as_missing()
    {
        string problem = InputFile.Problem(_folder, "manifest")!;

        Assert.Equal($"The manifest '{_folder}' is a folder, not a file. Give the path of the file inside it.", problem);
        FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => InputFile.EnsureExists(_folder, "manifest"));
        Assert.Contains("is a folder, not a file", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Equal(_folder, e.FileName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_path_is_named_as_empty(string? path)
    {
        Assert.Equal<(string, string)?>(("The photo path is empty.", "Give the file's path."), InputFile.Describe(path, "photo"));
        Assert.Equal("The photo path is empty. Give the file's path.", InputFile.Problem(path, "photo"));
        FileNotFoundException e = Assert.Throws<FileNotFoundException>(() => InputFile.EnsureExists(path, "photo"));
        Assert.Equal("The photo path is empty. Give the file's path.", e.Message);
    }

    [Fact]
    public void What_the_file_is_must_be_said()
    {
        string path = Path.Combine(_folder, "missing.png");
        Assert.ThrowsAny<ArgumentException>(() => InputFile.Problem(path, " "));
        Assert.ThrowsAny<ArgumentException>(() => InputFile.EnsureExists(path, string.Empty));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
