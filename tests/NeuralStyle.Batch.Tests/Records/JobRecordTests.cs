using NeuralStyle.Batch.Records;

namespace NeuralStyle.Batch.Tests.Records;

/// <summary>
/// The record a batch keeps beside each output: written and read back, hidden beside the output, and an
/// unreadable or foreign record read as unknown (so the job runs again) rather than trusted or thrown.
/// </summary>
public sealed class JobRecordTests : IDisposable
{
    private readonly BatchFolder _folder = new(photos: 0);

    [Fact]
    public void A_written_record_reads_back_from_a_hidden_file_beside_the_output()
    {
        string output = _folder.File("out/result.png");
        Directory.CreateDirectory(_folder.File("out"));
        var finished = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var written = new JobRecord { State = JobState.Done, Settings = "abc", Output = "def", Line = 7, Finished = finished };

        written.Write(output, CancellationToken.None);

        Assert.Equal(_folder.File("out/.result.png.neuralstyle-job.json"), JobRecord.PathFor(output));
        Assert.Equal(written, JobRecord.Read(output));
        Assert.Equal([JobRecord.PathFor(output)], Directory.GetFiles(_folder.File("out")));
    }

    [Fact]
    public void No_record_is_null()
    {
        Assert.Null(JobRecord.Read(_folder.File("nothing.png")));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"format\": \"someone-else/1\", \"state\": \"done\", \"settings\": \"abc\"}")]
    [InlineData("{\"format\": \"neuralstyle-batch-job/1\", \"state\": \"finished-maybe\", \"settings\": \"abc\"}")]
    [InlineData("")]
    public void An_unreadable_or_foreign_record_is_unknown(string content)
    {
        string output = _folder.File("result.png");
        File.WriteAllText(JobRecord.PathFor(output), content);

        JobRecord? read = JobRecord.Read(output);

        Assert.NotNull(read);
        Assert.Equal(JobState.Unknown, read.State);
        Assert.Equal(string.Empty, read.Settings);
    }

    public void Dispose() => _folder.Dispose();
}
