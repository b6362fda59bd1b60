using NeuralStyle.Configuration;

namespace NeuralStyle.Hosting.Service;

/// <summary>The hosted service's own limits (<see cref="ServiceSettingDescriptions"/> describes each).</summary>
public static class ServiceSetting
{
    /// <summary>The fast-job queue (<see cref="NeuralStyleServiceOptions.QueueCapacity"/>).</summary>
    public static Setting QueueCapacity { get; } = new("Service.QueueCapacity");

    /// <summary>The fast jobs run at once (<see cref="NeuralStyleServiceOptions.MaxDegreeOfParallelism"/>).</summary>
    public static Setting MaxDegreeOfParallelism { get; } = new("Service.MaxDegreeOfParallelism");

    /// <summary>The finished jobs kept (<see cref="NeuralStyleServiceOptions.MaxRetainedJobs"/>).</summary>
    public static Setting MaxRetainedJobs { get; } = new("Service.MaxRetainedJobs");

    /// <summary>The transfer queue (<see cref="PaintServiceOptions.QueueCapacity"/>).</summary>
    public static Setting PaintQueueCapacity { get; } = new("Service.PaintQueueCapacity");

    /// <summary>The transfer's sizes (<see cref="PaintServiceOptions.Size"/> and <see cref="PaintServiceOptions.MaxSize"/>).</summary>
    public static Setting PaintSize { get; } = new("Service.PaintSize");
}
