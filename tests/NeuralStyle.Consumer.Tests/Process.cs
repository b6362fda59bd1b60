using System.Diagnostics;

namespace NeuralStyle.Consumer.Tests;

/// <summary>Runs a command to completion with a time limit and captures its output.</summary>
internal static class Command
{
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan limit, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {limit}.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    public static string Succeed(string workingDirectory, TimeSpan limit, string fileName, params string[] arguments)
    {
        (int code, string output) = Run(workingDirectory, limit, fileName, arguments);
        Assert.True(code == 0, $"'{fileName} {string.Join(' ', arguments)}' exited with {code}:\n{output}");
        return output;
    }
}
