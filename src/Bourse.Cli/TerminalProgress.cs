using Spectre.Console;

namespace Bourse.Cli;

/// <summary>
/// A Spectre.Console progress bar around long work, shown only when the console is an interactive ANSI terminal;
/// without one (output redirected, CI, tests) the work runs silently.
/// </summary>
internal static class TerminalProgress
{
    /// <summary>
    /// Runs <paramref name="work"/>, which reports progress by calling the callback it is given with increments that
    /// add up to <paramref name="total"/> (safe to call from several threads).
    /// </summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string description, double total, Func<Action<double>, Task<T>> work)
    {
        if (console.Profile.Capabilities is not { Interactive: true, Ansi: true })
        {
            return await work(static _ => { });
        }

        return await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(description), maxValue: total);
            var result = await work(task.Increment);
            task.Value = total;
            return result;
        });
    }
}
