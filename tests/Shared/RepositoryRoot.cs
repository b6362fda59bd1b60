namespace NeuralStyle.Testing;

/// <summary>The repository checkout the tests run from (the directory holding NeuralStyle.sln).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NeuralStyle.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"NeuralStyle.sln not found above {AppContext.BaseDirectory}.");
    }
}
