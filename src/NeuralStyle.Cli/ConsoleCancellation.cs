using System.Runtime.InteropServices;

namespace NeuralStyle.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a cancellation token: the first asks the running command to stop
/// at its next safe point (between evaluations, steps or jobs) and lets it finish cleanly, exit
/// 130, with native work done and checkpoints intact; a second Ctrl+C ends the process at once.
/// The command line library's own handling is off: it ends the process 2 s after Ctrl+C, while
/// native code may still be running (a crash). Signals are taken through
/// <see cref="PosixSignalRegistration"/> rather than <see cref="Console.CancelKeyPress"/>, which a
/// process started without a terminal (a job engine, a test) did not receive.
/// </summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ConsoleCancellation() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];

    /// <summary>Cancelled on the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        // The first asks politely; a second one takes the default action (the process ends).
        context.Cancel = !_source.IsCancellationRequested;
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command has already finished.
        }
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }
}
