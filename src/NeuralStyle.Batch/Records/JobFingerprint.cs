using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralStyle.Batch.Jobs;
using NeuralStyle.Styles;

namespace NeuralStyle.Batch.Records;

/// <summary>
/// The settings hash recorded with each output: SHA-256 of the job's kind, every input file's
/// content (so an edited photo or a retrained model is redone; a built-in style by its name and
/// the digest of its model), the settings (every field, as JSON)
/// and the feature extractor's identity. The output path is not part of it; the record sits beside the output.
/// </summary>
internal static class JobFingerprint
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The hash of <paramref name="job"/>, lower-case hex.</summary>
    /// <exception cref="FileNotFoundException">An input is missing.</exception>
    public static string Compute(BatchJob job, string? extractorIdentity, FileDigests digests)
    {
        var text = new StringBuilder();
        text.Append(job.GetType().Name).Append('\n');
        foreach ((string path, string role) in job.Inputs)
        {
            text.Append(role).Append('=').Append(digests.Of(path)).Append('\n');
        }

        text.Append(job switch
        {
            TransferBatchJob transfer => JsonSerializer.Serialize(new { transfer.Settings, Styles = transfer.Styles.Select(s => new { s.Weight, Masked = s.Mask is not null }), Extractor = extractorIdentity }, Json),
            FastStyleBatchJob { BuiltIn: BuiltInStyle style } fast => JsonSerializer.Serialize(new { fast.Options, BuiltIn = BuiltInStyles.Identity(style) }, Json),
            FastStyleBatchJob fast => JsonSerializer.Serialize(fast.Options, Json),
            _ => throw new NotSupportedException($"Unknown job type {job.GetType().Name}."),
        });
        return FileDigests.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
