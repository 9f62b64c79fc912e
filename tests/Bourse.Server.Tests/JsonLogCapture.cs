using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Bourse.Server.Tests;

/// <summary>
/// Writes every log entry as the server's console logger would (its configured formatter, with its options and the
/// scopes of the moment) into a queue instead of stdout: what the console shows, one line per entry.
/// </summary>
internal sealed class JsonLogCapture(IServiceProvider services, ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
{
    private readonly Lazy<ConsoleFormatter> _formatter = new(() =>
    {
        var name = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
        return services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
    });

    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Registers the capture in a server's services.</summary>
    public static void AddTo(IServiceCollection services, ConcurrentQueue<string> lines) =>
        services.AddSingleton<ILoggerProvider>(sp => new JsonLogCapture(sp, lines));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(JsonLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var writer = new StringWriter();
            owner._formatter.Value.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, writer);
            owner.Lines(writer.ToString());
        }
    }

    private void Lines(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            lines.Enqueue(line);
        }
    }
}
