namespace NeuralStyle.Consumer.Tests;

/// <summary>
/// Packs the repository's packages once, with a version unique to this run (so no stale copy in
/// the NuGet cache can stand in for them), into a temporary folder feed; removes them from the
/// cache afterwards.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    public LocalFeed()
    {
        RepositoryRoot = NeuralStyle.Testing.RepositoryRoot.Find();
        Root = Directory.CreateTempSubdirectory("neuralstyle-consumer-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        // Not --no-build: the tool's per-platform packages (linux-x64, win-x64, osx-arm64) are built by the pack itself.
        Command.Succeed(RepositoryRoot, TimeSpan.FromMinutes(10), "dotnet", "pack", "NeuralStyle.sln", "-c", "Release",
            $"-p:PackageVersion={Version}", $"-p:PackageOutputPath={Feed}", "-p:IncludeSymbols=false");
    }

    public string RepositoryRoot { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[]
        {
            "neuralstyle", "neuralstyle.vgg", "neuralstyle.resnet18", "neuralstyle.faststyle", "neuralstyle.batch", "neuralstyle.hosting", "neuralstyle.styles",
            "neuralstyle.cli", "neuralstyle.cli.linux-x64", "neuralstyle.cli.win-x64", "neuralstyle.cli.osx-arm64",
        })
        {
            string cached = Path.Combine(cache, id, Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }
}
