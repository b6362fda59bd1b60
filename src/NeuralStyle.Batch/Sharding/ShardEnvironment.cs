using System.Globalization;
using NeuralStyle.Configuration;

namespace NeuralStyle.Batch.Sharding;

/// <summary>
/// Reads the shard from the environment of the job engine running the process, so one worker image
/// runs unchanged under each: Kubernetes Indexed Jobs (<c>JOB_COMPLETION_INDEX</c>; the completions
/// count is passed as the count), Slurm job arrays (<c>SLURM_ARRAY_TASK_ID</c> relative to
/// <c>SLURM_ARRAY_TASK_MIN</c> and <c>SLURM_ARRAY_TASK_STEP</c>, <c>SLURM_ARRAY_TASK_COUNT</c>), and
/// AWS Batch array jobs (<c>AWS_BATCH_JOB_ARRAY_INDEX</c> and <c>AWS_BATCH_JOB_ARRAY_SIZE</c>).
/// </summary>
public static class ShardEnvironment
{
    /// <summary>Kubernetes Indexed Job: the pod's completion index (0-based).</summary>
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";

    /// <summary>Slurm job array: this task's array index.</summary>
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID";

    /// <summary>Slurm job array: the number of tasks.</summary>
    public const string SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT";

    /// <summary>Slurm job array: the lowest index (arrays may start at 1, say).</summary>
    public const string SlurmTaskMin = "SLURM_ARRAY_TASK_MIN";

    /// <summary>Slurm job array: the index step (<c>--array=0-15:4</c>).</summary>
    public const string SlurmTaskStep = "SLURM_ARRAY_TASK_STEP";

    /// <summary>AWS Batch array job: this child's index (0-based).</summary>
    public const string AwsBatchIndex = "AWS_BATCH_JOB_ARRAY_INDEX";

    /// <summary>AWS Batch array job: the parent array's size.</summary>
    public const string AwsBatchSize = "AWS_BATCH_JOB_ARRAY_SIZE";

    /// <summary>
    /// The shard: <paramref name="explicitShard"/> when given; otherwise the running engine's, with
    /// <paramref name="shardCount"/> as the count where the engine does not say it (Kubernetes, AWS Batch);
    /// otherwise the whole batch.
    /// </summary>
    /// <param name="explicitShard">A shard given by the user (<see cref="ShardSettingDescriptions.Shard"/>), which wins.</param>
    /// <param name="shardCount">The number of shards (<see cref="ShardSettingDescriptions.ShardCount"/>) for engines that give only an index.</param>
    /// <param name="variables">Reads an environment variable (default <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <exception cref="FormatException">The variables are inconsistent, an index lacks its count, or values are not numbers; the message says which and how to fix it, naming the settings by <see cref="SettingDescription.Name"/> (hosts write them their way).</exception>
    public static ShardAssignment Resolve(Shard? explicitShard = null, int? shardCount = null, Func<string, string?>? variables = null)
    {
        variables ??= Environment.GetEnvironmentVariable;
        if (explicitShard is Shard given)
        {
            if (shardCount is int n && n != given.Count)
            {
                throw new FormatException($"{ExplicitShard} {given} and {ShardCount} {n} disagree: give one of them.");
            }

            return new ShardAssignment(given, $"{ExplicitShard} {given}");
        }

        if (shardCount is int count && ShardSettingDescriptions.ShardCount.ProblemWith(count) is ConfigurationProblem problem)
        {
            throw new FormatException(problem.ToString());
        }

        string[] engines = new[] { KubernetesIndex, SlurmTaskId, AwsBatchIndex }.Where(v => !string.IsNullOrEmpty(variables(v))).ToArray();
        if (engines.Length > 1)
        {
            throw new FormatException($"Both {string.Join(" and ", engines)} are set, so the shard is ambiguous: give {ExplicitShard} K/N.");
        }

        switch (engines.SingleOrDefault())
        {
            case KubernetesIndex:
                return IndexWithCount(KubernetesIndex, Number(KubernetesIndex, variables), shardCount, $"{ShardCount}, the Job's completions (e.g. 8 for completions: 8)");
            case AwsBatchIndex:
                int? size = variables(AwsBatchSize) is { Length: > 0 } ? Number(AwsBatchSize, variables) : null;
                if (size is int s && shardCount is int c && s != c)
                {
                    throw new FormatException($"{AwsBatchSize}={s} but {ShardCount} {c}: leave {ShardCount} out, AWS Batch gives the size.");
                }

                return IndexWithCount(AwsBatchIndex, Number(AwsBatchIndex, variables), size ?? shardCount, $"{ShardCount}, the array size (e.g. 8 for arrayProperties size 8)");
            case SlurmTaskId:
                return Slurm(variables, shardCount);
            default:
                if (shardCount is int alone && alone != 1)
                {
                    throw new FormatException(
                        $"{ShardCount} {alone} needs this process's index, but none of {KubernetesIndex}, {SlurmTaskId} or {AwsBatchIndex} is set: give {ExplicitShard} K/{alone} instead.");
                }

                return new ShardAssignment(Shard.All, "none (the whole batch)");
        }
    }

    private static string ExplicitShard => ShardSettingDescriptions.Shard.Name;

    private static string ShardCount => ShardSettingDescriptions.ShardCount.Name;

    private static ShardAssignment IndexWithCount(string variable, int index, int? count, string countHint)
    {
        if (count is not int n)
        {
            throw new FormatException($"{variable}={index} gives this process's index but not the number of shards: pass {countHint}.");
        }

        return Checked(index, n, $"{variable}={index}, {ShardCount} {n}");
    }

    private static ShardAssignment Slurm(Func<string, string?> variables, int? count)
    {
        int id = Number(SlurmTaskId, variables);
        int min = variables(SlurmTaskMin) is { Length: > 0 } ? Number(SlurmTaskMin, variables) : 0;
        int step = variables(SlurmTaskStep) is { Length: > 0 } ? Number(SlurmTaskStep, variables) : 1;
        int? tasks = variables(SlurmTaskCount) is { Length: > 0 } ? Number(SlurmTaskCount, variables) : null;
        if (step < 1 || (id - min) % step != 0)
        {
            throw new FormatException($"{SlurmTaskId}={id} is not on the array's grid ({SlurmTaskMin}={min}, {SlurmTaskStep}={step}): give {ExplicitShard} K/N.");
        }

        int n = (tasks, count) switch
        {
            (int t, int c) when t != c => throw new FormatException($"{SlurmTaskCount}={t} but {ShardCount} {c}: leave {ShardCount} out, Slurm gives the count."),
            (int t, _) => t,
            (null, int c) => c,
            _ => throw new FormatException($"{SlurmTaskId}={id} is set but {SlurmTaskCount} is not: give {ShardCount} (the array's task count)."),
        };
        return Checked((id - min) / step, n, $"{SlurmTaskId}={id}, {SlurmTaskCount}={n}" + (min != 0 ? $", {SlurmTaskMin}={min}" : string.Empty));
    }

    private static ShardAssignment Checked(int index, int count, string source)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new FormatException($"The engine's shard is out of range ({source}): the index must be 0-based and below the count.");
        }

        return new ShardAssignment(new Shard(index, count), source);
    }

    private static int Number(string variable, Func<string, string?> variables)
    {
        string? text = variables(variable);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"{variable}='{text}' is not a non-negative integer.");
    }
}
