using NeuralStyle.Configuration;

namespace NeuralStyle.Hosting.Service;

/// <summary>
/// The service's numeric limits (<see cref="NeuralStyleServiceOptions"/> and its
/// <see cref="PaintServiceOptions"/>), each described once: the start-up check and docs/service.md's
/// table are made from these. Defaults are read from the options' own.
/// </summary>
public static class ServiceSettingDescriptions
{
    private static NeuralStyleServiceOptions Defaults { get; } = new();

    /// <summary><see cref="NeuralStyleServiceOptions.QueueCapacity"/>.</summary>
    public static SettingDescription QueueCapacity { get; } = new()
    {
        Setting = ServiceSetting.QueueCapacity,
        Key = "queue-capacity",
        Name = "NeuralStyleServiceOptions.QueueCapacity",
        Help = "Fast jobs waiting beyond the running ones; a full queue refuses new jobs (a web app answers 503).",
        Default = SettingDescriptions.Text(Defaults.QueueCapacity),
        Range = new(1, NeuralStyleServiceOptions.MaximumQueueCapacity, Whole: true),
        Fix = "Raise it for bursts, within the memory the queued uploads take.",
    };

    /// <summary><see cref="NeuralStyleServiceOptions.MaxDegreeOfParallelism"/>.</summary>
    public static SettingDescription MaxDegreeOfParallelism { get; } = new()
    {
        Setting = ServiceSetting.MaxDegreeOfParallelism,
        Key = "max-degree-of-parallelism",
        Name = "NeuralStyleServiceOptions.MaxDegreeOfParallelism",
        Help = "Fast jobs stylised at once; each adds one job's memory limit to the peak (on a CPU, 1 leaves all cores to one job).",
        Default = SettingDescriptions.Text(Defaults.MaxDegreeOfParallelism),
        Range = new(1, NeuralStyleServiceOptions.MaximumDegreeOfParallelism, Whole: true),
        Fix = "On a CPU, 1 is usually fastest.",
    };

    /// <summary><see cref="NeuralStyleServiceOptions.MaxRetainedJobs"/>: at least the jobs that can be queued and running, checked separately.</summary>
    public static SettingDescription MaxRetainedJobs { get; } = new()
    {
        Setting = ServiceSetting.MaxRetainedJobs,
        Key = "max-retained-jobs",
        Name = "NeuralStyleServiceOptions.MaxRetainedJobs",
        Help = "Finished jobs kept for their results, the oldest forgotten first; at least the queued and running jobs.",
        Default = SettingDescriptions.Text(Defaults.MaxRetainedJobs),
        Values = "a whole number of at least QueueCapacity + MaxDegreeOfParallelism (+ Paint:QueueCapacity + 1 when painting)",
        Fix = "Keep at least QueueCapacity + MaxDegreeOfParallelism (+ Paint:QueueCapacity + 1 when painting).",
    };

    /// <summary><see cref="PaintServiceOptions.QueueCapacity"/>.</summary>
    public static SettingDescription PaintQueueCapacity { get; } = new()
    {
        Setting = ServiceSetting.PaintQueueCapacity,
        Key = "paint-queue-capacity",
        Name = "PaintServiceOptions.QueueCapacity",
        Help = "Transfers waiting beyond the running one (transfers run one at a time); a full queue refuses new ones.",
        Default = SettingDescriptions.Text(Defaults.Paint.QueueCapacity),
        Range = new(1, PaintServiceOptions.MaximumQueueCapacity, Whole: true),
        Fix = "A transfer takes minutes: a short queue answers sooner that the service is busy.",
    };

    /// <summary><see cref="PaintServiceOptions.MaxSize"/>.</summary>
    public static SettingDescription PaintMaxSize { get; } = new()
    {
        Setting = ServiceSetting.PaintSize,
        Key = "paint-max-size",
        Name = "PaintServiceOptions.MaxSize",
        Help = "The largest longest side, in pixels, a paint request may ask for.",
        Default = SettingDescriptions.Text(Defaults.Paint.MaxSize),
        Range = new(PaintServiceOptions.MinimumSize, ImageSettings.MaximumSize, Whole: true),
        Fix = "A transfer's time grows with the pixels: 768 px takes minutes on 2 cores.",
    };

    /// <summary><see cref="PaintServiceOptions.Size"/>: within <see cref="PaintMaxSize"/>, checked separately.</summary>
    public static SettingDescription PaintSize { get; } = PaintMaxSize with
    {
        Key = "paint-size",
        Name = "PaintServiceOptions.Size",
        Help = "The longest side, in pixels, of a painting whose request gives none; at most Paint:MaxSize.",
        Default = SettingDescriptions.Text(Defaults.Paint.Size),
        Fix = "Give a size from the smallest a painting takes to Paint:MaxSize.",
    };

    /// <summary><see cref="PaintServiceOptions.Evaluations"/>: the transfer's evaluation budget.</summary>
    public static SettingDescription PaintEvaluations { get; } = SettingDescriptions.Evaluations with
    {
        Key = "paint-evaluations",
        Aliases = [],
        Name = "PaintServiceOptions.Evaluations",
        Default = "the default preset's",
        Fix = "Leave it out for the default preset's budget.",
    };

    /// <summary>Every description, in the order docs/service.md lists them.</summary>
    public static IReadOnlyList<SettingDescription> All { get; } =
        [QueueCapacity, MaxDegreeOfParallelism, MaxRetainedJobs, PaintQueueCapacity, PaintSize, PaintMaxSize, PaintEvaluations];

    /// <summary>Where a description's setting lives in configuration, e.g. <c>NeuralStyle:Paint:QueueCapacity</c>.</summary>
    /// <param name="description">One of <see cref="All"/>.</param>
    public static string ConfigurationPath(SettingDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        string paint = description.Name.StartsWith(nameof(PaintServiceOptions) + ".", StringComparison.Ordinal) ? "Paint:" : string.Empty;
        return $"{NeuralStyleServiceOptions.SectionName}:{paint}{description.ConfigurationKey}";
    }
}
