using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NeuralStyle.Hosting.Tests;

/// <summary>Keeps what the host logs (after its configured filters), for tests that check what a request wrote to the log.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>Everything logged so far, oldest first.</summary>
    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One log call.</summary>
    public sealed record Entry(string Category, LogLevel Level, EventId Id, string Message, Exception? Exception);

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder._entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
