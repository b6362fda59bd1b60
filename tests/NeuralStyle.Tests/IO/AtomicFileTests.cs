using NeuralStyle.IO;
using NeuralStyle.Testing;

namespace NeuralStyle.Tests.IO;

/// <summary>The one atomic writer: all or nothing, never a partial file, an existing file kept unless overwriting.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-atomic-").FullName;

    private string File(string name) => Path.Combine(_folder, name);

    private string[] Files() => Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Writes_the_whole_content_into_a_new_folder_and_keeps_an_existing_file_unless_told()
    {
        AtomicFile.Write(File("sub/a.bin"), overwrite: false, new byte[] { 1, 2, 3 });
        Assert.Equal([1, 2, 3], System.IO.File.ReadAllBytes(File("sub/a.bin")));

        OutputExistsException exists = Assert.Throws<OutputExistsException>(() => AtomicFile.Write(File("sub/a.bin"), overwrite: false, new byte[] { 4 }));
        Assert.Contains("already exists", exists.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], System.IO.File.ReadAllBytes(File("sub/a.bin")));

        AtomicFile.Write(File("sub/a.bin"), overwrite: true, new byte[] { 4 });
        Assert.Equal([4], System.IO.File.ReadAllBytes(File("sub/a.bin")));
    }

    [Fact]
    public void A_writer_that_fails_or_is_cancelled_leaves_the_old_file_and_no_temporary_one()
    {
        System.IO.File.WriteAllText(File("a.txt"), "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(File("a.txt"), overwrite: true, stream =>
        {
            stream.WriteByte(1);
            throw new InvalidOperationException("disk full");
        }));
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(File("a.txt"), overwrite: true, stream =>
        {
            stream.WriteByte(2);
            cancel.Cancel();
        }, cancel.Token));
        Assert.Equal("old", System.IO.File.ReadAllText(File("a.txt")));
        Assert.Equal(["a.txt"], Files());
    }

    [Fact]
    public void Only_the_temporary_files_a_killed_writer_left_are_removed()
    {
        string left = File($".a.png.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllText(left, "partial");
        System.IO.File.WriteAllText(File(".a.png.notes.tmp"), "mine");
        System.IO.File.WriteAllText(File($".b.png.{Guid.NewGuid():N}.tmp"), "another output's");
        Assert.Equal(1, AtomicFile.RemoveStale(File("a.png")));
        Assert.False(System.IO.File.Exists(left));
        Assert.Equal(2, Files().Length);
        Assert.Equal(0, AtomicFile.RemoveStale(File("missing/a.png")));
    }

    [LinuxFact]
    public void A_name_with_wildcard_characters_never_matches_another_outputs_temporary_files()
    {
        string others = File($".img1.png.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllText(others, "img1.png's");
        string own = File($".img?.png.{Guid.NewGuid():N}.tmp");
        System.IO.File.WriteAllText(own, "img?.png's");

        Assert.Equal(1, AtomicFile.RemoveStale(File("img?.png")));
        Assert.True(System.IO.File.Exists(others));
        Assert.False(System.IO.File.Exists(own));
        Assert.Equal(0, AtomicFile.RemoveStale(File("*.png")));
    }

    [Theory]
    [InlineData(250, 'a')]
    [InlineData(110, 'é')]
    public void An_output_whose_name_is_near_the_longest_a_file_system_takes_is_written_and_its_leftovers_found(int length, char letter)
    {
        // 254 ASCII bytes, or 224 bytes of two-byte characters, with the extension: the temporary name must still fit in 255 bytes.
        string output = File(new string(letter, length) + ".png");
        AtomicFile.Write(output, overwrite: false, new byte[] { 1, 2, 3 });
        Assert.Equal([1, 2, 3], System.IO.File.ReadAllBytes(output));

        // A writer killed before its rename leaves its temporary file: the cleanup finds it by name.
        string? temporary = null;
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(output, overwrite: true, stream =>
        {
            temporary = ((FileStream)stream).Name;
            throw new InvalidOperationException("killed");
        }));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(temporary!)) <= 255);
        System.IO.File.WriteAllText(temporary!, "left by a killed writer");
        Assert.Equal(1, AtomicFile.RemoveStale(output));
        Assert.Equal([Path.GetFileName(output)], Files());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
