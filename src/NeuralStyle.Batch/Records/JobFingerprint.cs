using System.Text;
using NeuralStyle.Batch.Jobs;

namespace NeuralStyle.Batch.Records;

/// <summary>
/// The settings hash recorded with each output: SHA-256 of every input file's content (so an edited
/// photo, style or retrained model is redone) and the stylizer's <see cref="Stylizing.IStylizer.Identity"/>
/// (its settings, network, a built-in model's digest). The output path is not part of it; the record sits beside the output.
/// </summary>
internal static class JobFingerprint
{
    /// <summary>The hash of <paramref name="job"/>, lower-case hex.</summary>
    /// <exception cref="FileNotFoundException">An input is missing.</exception>
    public static string Compute(BatchJob job, FileDigests digests)
    {
        var text = new StringBuilder();
        foreach ((string path, string role) in job.Inputs)
        {
            text.Append(role).Append('=').Append(digests.Of(path)).Append('\n');
        }

        text.Append(job.Stylizer.Identity);
        return FileDigests.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
