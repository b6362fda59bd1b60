using NeuralStyle.Configuration;

namespace NeuralStyle.FastStyle.Training;

/// <summary>
/// The settings and inputs of fast-style training, where a <see cref="ConfigurationProblem"/> of
/// <see cref="FastStyleTrainerBuilder.Build"/> lies (besides the core's <see cref="Setting"/>s it shares, such as
/// <see cref="Setting.StyleImage"/> and <see cref="Setting.ContentWeight"/>).
/// </summary>
public static class TrainingSetting
{
    /// <summary>The network's width (<see cref="Network.FastStyleArchitecture.Width"/>).</summary>
    public static Setting Width { get; } = new("Training.Width");

    /// <summary>The network's residual block count (<see cref="Network.FastStyleArchitecture.ResidualBlocks"/>).</summary>
    public static Setting ResidualBlocks { get; } = new("Training.ResidualBlocks");

    /// <summary>The folder of content photos the network is trained on.</summary>
    public static Setting Images { get; } = new("Training.Images");

    /// <summary>The side of the square crops the network is trained on (<see cref="FastStyleTrainingSettings.Size"/>).</summary>
    public static Setting Size { get; } = new("Training.Size");

    /// <summary>The size the style image is seen at (<see cref="FastStyleTrainingSettings.StyleSize"/>).</summary>
    public static Setting StyleSize { get; } = new("Training.StyleSize");

    /// <summary>The number of training steps (<see cref="FastStyleTrainingSettings.Steps"/>).</summary>
    public static Setting Steps { get; } = new("Training.Steps");

    /// <summary>The number of crops per step (<see cref="FastStyleTrainingSettings.BatchSize"/>).</summary>
    public static Setting BatchSize { get; } = new("Training.BatchSize");

    /// <summary>Adam's learning rate (<see cref="FastStyleTrainingSettings.LearningRate"/>).</summary>
    public static Setting LearningRate { get; } = new("Training.LearningRate");

    /// <summary>The seed (<see cref="FastStyleTrainingSettings.Seed"/>).</summary>
    public static Setting Seed { get; } = new("Training.Seed");

    /// <summary>Where and how often checkpoints are written, and resuming from one.</summary>
    public static Setting Checkpoint { get; } = new("Training.Checkpoint");

    /// <summary>The checkpoint file (<see cref="FastStyleTrainerBuilder.WithCheckpoint"/>): where it is, and whether one already there is resumed or replaced.</summary>
    public static Setting CheckpointFile { get; } = new("Training.CheckpointFile");

    /// <summary>The decoded-photo cache (<see cref="FastStyleTrainingSettings.CacheMegabytes"/>).</summary>
    public static Setting Cache { get; } = new("Training.Cache");

    /// <summary>The arithmetic the training computes in (<see cref="FastStyleTrainingSettings.Precision"/>).</summary>
    public static Setting Precision { get; } = new("Training.Precision");

    /// <summary>The trained model the training starts from (a warm start: <see cref="FastStyleTrainerBuilder.WithInitialModel"/>).</summary>
    public static Setting InitialModel { get; } = new("Training.InitialModel");
}
