using NeuralStyle.Batch.Jobs;
using NeuralStyle.Batch.Records;
using NeuralStyle.Testing;

namespace NeuralStyle.Batch.Tests.Records;

/// <summary>
/// The settings hash a record keeps: the same for the same inputs and stylizer wherever the output goes,
/// and different when any input's bytes or the stylizer's identity change.
/// </summary>
public sealed class JobFingerprintTests : IDisposable
{
    private readonly BatchFolder _folder = new(photos: 2);

    private string Hash(BatchJob job) => JobFingerprint.Compute(job, new FileDigests());

    [Fact]
    public void The_same_job_hashes_alike_and_the_output_path_is_not_part_of_it()
    {
        BatchJob job = _folder.Jobs(1)[0];

        Assert.Equal(Hash(job), Hash(job));
        Assert.Equal(Hash(job), Hash(job with { Output = _folder.File("elsewhere/other.jpg"), Line = 9 }));
        Assert.Matches("^[0-9a-f]{64}$", Hash(job));
    }

    [Fact]
    public void Edited_photo_model_file_or_stylizer_changes_the_hash()
    {
        BatchJob job = _folder.Jobs(1)[0];
        string before = Hash(job);

        Assert.NotEqual(before, Hash(job with { Content = _folder.Photo(1) }));
        Assert.NotEqual(before, Hash(job with { Stylizer = new TestStylizer("another", (_folder.Model, "model file")) }));

        File.WriteAllBytes(_folder.Model, [1, 2, 4]);
        Assert.NotEqual(before, Hash(job));
    }

    [Fact]
    public void A_missing_input_is_named()
    {
        BatchJob job = _folder.Jobs(1)[0] with { Content = _folder.File("gone.png") };

        Assert.Throws<FileNotFoundException>(() => Hash(job));
    }

    public void Dispose() => _folder.Dispose();
}
