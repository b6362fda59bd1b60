using Microsoft.Extensions.Options;

namespace NeuralStyle.WebService;

/// <summary>Checks <see cref="UploadLimits"/> at start-up: every problem at once, each naming its setting, the value and how to fix it.</summary>
internal sealed class UploadLimitsValidator : IValidateOptions<UploadLimits>
{
    public ValidateOptionsResult Validate(string? name, UploadLimits options)
    {
        var failures = new List<string>();
        string section = UploadLimits.SectionName;
        if (options.MaxBytes < 1 || options.MaxBytes > Array.MaxLength)
        {
            failures.Add($"{section}:MaxBytes must be positive and at most {Array.MaxLength} (got {options.MaxBytes}): the largest upload in bytes, e.g. 8388608 for 8 MB (environment: {section}__MaxBytes).");
        }

        if (options.MaxPixels < 1)
        {
            failures.Add($"{section}:MaxPixels must be positive (got {options.MaxPixels}): the most pixels an upload may declare, e.g. 16000000.");
        }

        if (options.MaxSize < 16)
        {
            failures.Add($"{section}:MaxSize must be at least 16 (got {options.MaxSize}): the largest ?size= accepted, e.g. 2048.");
        }

        if (options.Formats is not { Length: > 0 })
        {
            failures.Add($"{section}:Formats must name at least one format: leave it out for PNG, JPEG and WEBP.");
        }

        if (options.RetryAfterSeconds < 0)
        {
            failures.Add($"{section}:RetryAfterSeconds cannot be negative (got {options.RetryAfterSeconds}): leave it out for 5.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
