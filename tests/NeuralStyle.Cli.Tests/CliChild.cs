using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NeuralStyle.Cli.Tests;

/// <summary>The built command in a child process (so it can be killed or interrupted), output redirected.</summary>
internal static partial class CliChild
{
    /// <summary>Starts <c>neural-style ARGS</c>; <paramref name="environment"/> sets (or, with a null value, removes) variables.</summary>
    public static Process Start(IEnumerable<string> args, params (string Name, string? Value)[] environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "neural-style.dll") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        Apply(start, environment);
        return Process.Start(start)!;
    }

    /// <summary>Sets (or, with a null value, removes) each variable.</summary>
    private static void Apply(ProcessStartInfo start, (string Name, string? Value)[] environment)
    {
        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
    }

    /// <summary>
    /// Starts <c>neural-style ARGS</c> with its standard output and error written to files (no pipe
    /// for the test to keep draining), through <c>exec</c>, so the process is the command itself.
    /// </summary>
    public static Process StartWritingTo(string output, string error, IEnumerable<string> args, params (string Name, string? Value)[] environment)
    {
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" > \"$OUT_FILE\" 2> \"$ERR_FILE\" < /dev/null");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neural-style.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OUT_FILE"] = output;
        start.Environment["ERR_FILE"] = error;
        Apply(start, environment);
        return Process.Start(start)!;
    }

    /// <summary>Sends SIGINT, as Ctrl+C does.</summary>
    public static void Interrupt(Process process) => Assert.Equal(0, Kill(process.Id, SignalInterrupt));

    private const int SignalInterrupt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
