using NeuralStyle.Batch.Sharding;

namespace NeuralStyle.Batch.Tests.Sharding;

/// <summary>An explicit shard K/N and the job engines' environment variables map to the right shard.</summary>
public sealed class ShardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData("11/12", 11, 12)]
    public void Parse_reads_K_of_N(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Parse_refuses_what_is_not_a_shard(string text)
    {
        FormatException e = Assert.Throws<FormatException>(() => Shard.Parse(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0/0", "N >= 1")]
    [InlineData("4/4", "use 0/4 to 3/4")]
    public void Parse_says_which_bound_is_broken(string text, string expected)
    {
        FormatException e = Assert.Throws<FormatException>(() => Shard.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_are_disjoint_cover_every_job_and_are_balanced()
    {
        for (int count = 1; count <= 7; count++)
        {
            int[][] members = Enumerable.Range(0, count).Select(k => Enumerable.Range(0, 23).Where(new Shard(k, count).Includes).ToArray()).ToArray();
            Assert.Equal(Enumerable.Range(0, 23), members.SelectMany(m => m).Order());
            Assert.True(members.Max(m => m.Length) - members.Min(m => m.Length) <= 1);
        }
    }

    [Fact]
    public void Kubernetes_index_with_the_completions_count()
    {
        ShardAssignment shard = ShardEnvironment.Resolve(shardCount: 8, variables: Env((ShardEnvironment.KubernetesIndex, "5")));
        Assert.Equal(new Shard(5, 8), shard.Shard);
        Assert.Contains("JOB_COMPLETION_INDEX=5", shard.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_index_without_a_count_says_to_pass_it()
    {
        FormatException e = Assert.Throws<FormatException>(() => ShardEnvironment.Resolve(variables: Env((ShardEnvironment.KubernetesIndex, "2"))));
        Assert.Contains("shardCount", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_array_gives_index_and_count()
    {
        Assert.Equal(new Shard(3, 8), ShardEnvironment.Resolve(variables: Env((ShardEnvironment.SlurmTaskId, "3"), (ShardEnvironment.SlurmTaskCount, "8"))).Shard);
    }

    [Fact]
    public void Slurm_array_starting_at_one_with_a_step_is_made_zero_based()
    {
        // --array=1-13:4 runs tasks 1, 5, 9, 13.
        Func<string, string?> env = Env(
            (ShardEnvironment.SlurmTaskId, "9"), (ShardEnvironment.SlurmTaskCount, "4"), (ShardEnvironment.SlurmTaskMin, "1"), (ShardEnvironment.SlurmTaskStep, "4"));
        Assert.Equal(new Shard(2, 4), ShardEnvironment.Resolve(variables: env).Shard);
    }

    [Fact]
    public void Slurm_count_that_disagrees_with_shards_is_refused()
    {
        Assert.Throws<FormatException>(() => ShardEnvironment.Resolve(shardCount: 4, variables: Env((ShardEnvironment.SlurmTaskId, "1"), (ShardEnvironment.SlurmTaskCount, "8"))));
    }

    [Fact]
    public void Aws_batch_index_with_the_array_size()
    {
        Assert.Equal(new Shard(0, 3), ShardEnvironment.Resolve(shardCount: 3, variables: Env((ShardEnvironment.AwsBatchIndex, "0"))).Shard);
        Assert.Throws<FormatException>(() => ShardEnvironment.Resolve(shardCount: 3, variables: Env((ShardEnvironment.AwsBatchIndex, "3"))));
        Assert.Equal(new Shard(4, 10), ShardEnvironment.Resolve(variables: Env((ShardEnvironment.AwsBatchIndex, "4"), (ShardEnvironment.AwsBatchSize, "10"))).Shard);
    }

    [Fact]
    public void Explicit_shard_wins_over_the_environment()
    {
        ShardAssignment shard = ShardEnvironment.Resolve(new Shard(1, 2), variables: Env((ShardEnvironment.KubernetesIndex, "0")));
        Assert.Equal(new Shard(1, 2), shard.Shard);
        Assert.Equal("explicitShard 1/2", shard.Source);
    }

    [Fact]
    public void Two_engines_at_once_are_ambiguous()
    {
        FormatException e = Assert.Throws<FormatException>(() => ShardEnvironment.Resolve(
            shardCount: 2, variables: Env((ShardEnvironment.KubernetesIndex, "0"), (ShardEnvironment.AwsBatchIndex, "1"))));
        Assert.Contains("explicitShard K/N", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_engine_is_the_whole_batch_and_a_lone_count_is_refused()
    {
        Assert.Equal(Shard.All, ShardEnvironment.Resolve(variables: Env()).Shard);
        Assert.Throws<FormatException>(() => ShardEnvironment.Resolve(shardCount: 4, variables: Env()));
    }

    [Fact]
    public void Non_numeric_index_is_refused_with_its_name()
    {
        FormatException e = Assert.Throws<FormatException>(() => ShardEnvironment.Resolve(shardCount: 2, variables: Env((ShardEnvironment.KubernetesIndex, "x"))));
        Assert.Contains("JOB_COMPLETION_INDEX", e.Message, StringComparison.Ordinal);
    }
}
