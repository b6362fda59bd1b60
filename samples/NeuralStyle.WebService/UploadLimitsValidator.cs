using Microsoft.Extensions.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;

namespace NeuralStyle.WebService;

/// <summary>Checks <see cref="UploadLimits"/> at start-up: every problem at once, each naming its setting, the value and how to fix it.</summary>
internal sealed class UploadLimitsValidator(IConfiguration configuration) : IValidateOptions<UploadLimits>
{
    public ValidateOptionsResult Validate(string? name, UploadLimits options)
    {
        var failures = new List<string>();
        string section = UploadLimits.SectionName;

        // Binding ignores a key it no longer has: a deployment that set the old limit must not silently get the library's larger default.
        if (configuration[$"{section}:MaxPixels"] is string removed)
        {
            failures.Add($"{section}:MaxPixels ({removed}) is no longer read: set NeuralStyle:ImageLimits:MaxPixels instead, the one pixel limit of uploads and of their decoding (environment: NeuralStyle__ImageLimits__MaxPixels).");
        }

        if (options.MaxBytes < 1 || options.MaxBytes > Array.MaxLength)
        {
            failures.Add($"{section}:MaxBytes must be positive and at most {Array.MaxLength} (got {options.MaxBytes}): the largest upload in bytes, e.g. 8388608 for 8 MB (environment: {section}__MaxBytes).");
        }

        if (StylizeSettingDescriptions.Size.ProblemWith(options.MaxSize) is ConfigurationProblem size)
        {
            failures.Add($"{section}:MaxSize: {size} It is the largest ?size= accepted, e.g. 2048.");
        }

        if (options.Formats.FirstOrDefault(f => UploadLimits.Known(f) is null) is string unknown)
        {
            failures.Add($"{section}:Formats names '{unknown}', which is no format this service reads: give some of {string.Join(", ", SixLabors.ImageSharp.Configuration.Default.ImageFormats.Select(f => f.Name))}, or leave it out for {string.Join(", ", UploadLimits.DefaultFormats)}.");
        }

        if (options.RetryAfterSeconds < 0)
        {
            failures.Add($"{section}:RetryAfterSeconds cannot be negative (got {options.RetryAfterSeconds}): leave it out for 5.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
