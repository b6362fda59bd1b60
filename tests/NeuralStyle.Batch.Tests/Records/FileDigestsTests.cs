using System.Security.Cryptography;
using NeuralStyle.Batch.Records;
using NeuralStyle.Testing;

namespace NeuralStyle.Batch.Tests.Records;

/// <summary>The digests of a batch's inputs: each file's bytes, read once, and never more bytes than the file says it has.</summary>
public sealed class FileDigestsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuralstyle-digests-").FullName;

    [Fact]
    public void A_file_s_digest_is_the_sha256_of_its_bytes_cached_until_asked_afresh()
    {
        string path = Path.Combine(_folder, "photo.png");
        byte[] bytes = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7))];
        File.WriteAllBytes(path, bytes);
        var digests = new FileDigests();

        string first = digests.Of(path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first);
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(first, digests.Of(path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([1, 2, 3])), digests.OfUncached(path));
    }

    [LinuxFact]
    public async Task A_device_that_reads_without_end_is_hashed_as_the_empty_file_it_says_it_is()
    {
        string hash = await Task.Run(() => new FileDigests().Of("/dev/zero")).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), hash);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
