using Microsoft.Extensions.Options;
using NeuralStyle.Configuration;
using NeuralStyle.FastStyle.Inference;
using NeuralStyle.Imaging;
using NeuralStyle.Runtime;
using NeuralStyle.Styles;
using NeuralStyle.Transfer;

namespace NeuralStyle.Hosting.Service;

/// <summary>Checks <see cref="NeuralStyleServiceOptions"/> at start-up: every problem at once, each saying how to fix it.</summary>
internal sealed class NeuralStyleServiceOptionsValidator : IValidateOptions<NeuralStyleServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, NeuralStyleServiceOptions options)
    {
        var failures = new List<string>();
        string section = NeuralStyleServiceOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add($"{section}:ModelPath is not set: give a built-in style ({string.Join(", ", BuiltInStyles.Names)}) or a fast-style model (.safetensors) trained with FastStyleTrainer (`neural-style train`).");
        }
        else if (!BuiltInStyles.TryParse(options.ModelPath, out _) && !File.Exists(options.ModelPath))
        {
            failures.Add($"{section}:ModelPath '{options.ModelPath}' is neither a built-in style ({string.Join(", ", BuiltInStyles.Names)}) nor an existing file: give one of those names or the path of a model trained with FastStyleTrainer (`neural-style train`).");
        }

        if (!TorchDevices.TryParse(options.Device, out _, out string? device))
        {
            failures.Add($"{section}:Device {device}");
        }

        foreach ((string style, string path) in options.Models ?? [])
        {
            if (BuiltInStyles.TryParse(style, out _))
            {
                failures.Add($"{section}:Models:{style} has a built-in style's name: give the model another name.");
            }
            else if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            {
                failures.Add($"{section}:Models:{style} '{path}' is not an existing file: give the path of a model trained with FastStyleTrainer (`neural-style train`).");
            }
        }

        PaintServiceOptions? paint = options.Paint;
        if (paint is null)
        {
            failures.Add($"{section}:Paint cannot be null: leave it out for the defaults.");
        }
        else
        {
            Check(failures, ServiceSettingDescriptions.PaintQueueCapacity, paint.QueueCapacity);
            Check(failures, ServiceSettingDescriptions.PaintMaxSize, paint.MaxSize);
            if (!ServiceSettingDescriptions.PaintSize.Range!.Contains(paint.Size) || paint.Size > paint.MaxSize)
            {
                SettingDescription size = ServiceSettingDescriptions.PaintSize;
                failures.Add($"{ServiceSettingDescriptions.ConfigurationPath(size)} ({paint.Size}) must be from {SettingDescriptions.Text(size.Range!.Minimum)} to Paint:MaxSize ({paint.MaxSize}). {size.Fix}");
            }

            if (paint.Enabled && paint.ExtractorModelPath is string extractor && !File.Exists(extractor))
            {
                failures.Add($"{section}:Paint:ExtractorModelPath '{extractor}' is not an existing file: give the ResNet18 .onnx, or leave it out for the one NeuralStyle.ResNet18 ships.");
            }

            if (paint.Evaluations is int evaluations)
            {
                Check(failures, ServiceSettingDescriptions.PaintEvaluations, evaluations);
            }
        }

        Check(failures, ServiceSettingDescriptions.QueueCapacity, options.QueueCapacity);
        Check(failures, ServiceSettingDescriptions.MaxDegreeOfParallelism, options.MaxDegreeOfParallelism);
        int held = options.QueueCapacity + options.MaxDegreeOfParallelism + (options.Paint is { Enabled: true } p ? p.QueueCapacity + 1 : 0);
        if (options.MaxRetainedJobs < held)
        {
            failures.Add($"{ServiceSettingDescriptions.ConfigurationPath(ServiceSettingDescriptions.MaxRetainedJobs)} ({options.MaxRetainedJobs}) must hold at least the queued and running jobs ({held}). {ServiceSettingDescriptions.MaxRetainedJobs.Fix}");
        }

        if (options.ResultRetention <= TimeSpan.Zero)
        {
            failures.Add($"{section}:ResultRetention must be positive (got {options.ResultRetention}), e.g. 00:10:00.");
        }

        if (options.Stylize is null || options.ImageLimits is null)
        {
            failures.Add($"{section}:Stylize and {section}:ImageLimits cannot be null: leave them out for the defaults.");
        }
        else
        {
            try
            {
                options.Stylize.EnsureValid();
            }
            catch (StyleTransferConfigurationException e)
            {
                failures.AddRange(e.Problems.Select(p => $"{section}:Stylize{KeyOf(StylizeSettingDescriptions.All, p.Setting)}: {p}"));
            }

            try
            {
                _ = new ImageLoader(options.ImageLimits);
            }
            catch (StyleTransferConfigurationException e)
            {
                failures.AddRange(e.Problems.Select(p => $"{section}:ImageLimits{KeyOf(ImageLoadSettingDescriptions.All, p.Setting)}: {p}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The description's own check of <paramref name="value"/>, each problem after its configuration path (as stylise options' are).</summary>
    private static void Check(List<string> failures, SettingDescription description, double value)
    {
        if (description.ProblemWith(value) is ConfigurationProblem problem)
        {
            failures.Add($"{ServiceSettingDescriptions.ConfigurationPath(description)}: {problem}");
        }
    }

    /// <summary>The configuration key, after a colon, of the description of <paramref name="setting"/> among <paramref name="descriptions"/>; empty when none is.</summary>
    private static string KeyOf(IEnumerable<SettingDescription> descriptions, Setting setting) =>
        descriptions.FirstOrDefault(d => d.Setting == setting) is SettingDescription description ? ":" + description.ConfigurationKey : string.Empty;
}
