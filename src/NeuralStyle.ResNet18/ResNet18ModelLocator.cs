namespace NeuralStyle.ResNet18;

/// <summary>
/// Finds the ResNet18 ONNX model that package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>
/// copies into an app's output (<c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c>).
/// </summary>
public static class ResNet18ModelLocator
{
    /// <summary>Environment variable that may hold the model's path.</summary>
    public const string EnvironmentVariable = "NEURALSTYLE_RESNET18_ONNX";

    /// <summary>The NuGet package that ships the model.</summary>
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    /// <summary>The model's path relative to an app's output directory.</summary>
    public static string RelativePath { get; } = Path.Combine("DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>
    /// Returns <paramref name="explicitPath"/> if given (it must exist), else the path in
    /// <see cref="EnvironmentVariable"/>, else the copy in the app's (or this assembly's) directory.
    /// </summary>
    /// <exception cref="FileNotFoundException">No model was found; the message lists where it looked and how to fix it.</exception>
    public static string Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new FileNotFoundException($"The ResNet18 model file '{explicitPath}' does not exist. Pass the path of ResNet18.onnx from package {PackageId} 0.23.1.", explicitPath);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new FileNotFoundException($"{EnvironmentVariable} is set to '{fromEnvironment}', which does not exist. Point it at ResNet18.onnx or unset it.", fromEnvironment);
        }

        string[] candidates = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(ResNet18ModelLocator).Assembly.Location) }
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.Combine(d!, RelativePath))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The ResNet18 model was not found (looked in: {string.Join(", ", candidates)}). Add a reference to package {PackageId} 0.23.1 "
                + $"to the application (it copies {RelativePath} into the output), or pass ResNet18Options.ModelPath, or set {EnvironmentVariable}.",
                candidates.FirstOrDefault());
    }
}
