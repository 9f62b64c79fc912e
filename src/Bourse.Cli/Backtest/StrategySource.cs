using Bourse.Plugins;
using Bourse.Plugins.Compilation;
using Bourse.Strategies;

namespace Bourse.Cli.Backtest;

/// <summary>
/// Turns the <c>--strategy</c> argument into a strategy plugin: a built-in strategy's catalogue name
/// (e.g. "EMA Crossover", case-insensitive) or class name (e.g. "EmaCrossover"), a C# source file
/// (<c>.cs</c>, compiled with Roslyn against the SDK) or a compiled assembly (<c>.dll</c>).
/// </summary>
internal static class StrategySource
{
    /// <summary>Resolves the argument.</summary>
    /// <exception cref="PluginException">Unknown name, unreadable file, compile errors (listed with line and column) or an invalid assembly.</exception>
    public static StrategyPlugin Resolve(string strategy)
    {
        var extension = Path.GetExtension(strategy);
        if (extension.Equals(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return Compile(ReadFile(strategy), strategy);
        }

        if (extension.Equals(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return StrategyPlugin.Load(File.ReadAllBytes(ExistingFile(strategy)), Path.GetFileNameWithoutExtension(strategy));
        }

        var builtIns = StrategyPlugin.AllIn(typeof(EmaCrossover).Assembly);
        return builtIns.FirstOrDefault(p =>
                   p.Metadata.Name.Equals(strategy, StringComparison.OrdinalIgnoreCase)
                   || p.StrategyType.Name.Equals(strategy, StringComparison.OrdinalIgnoreCase))
               ?? throw new PluginException(
                   $"'{strategy}' is neither a .cs or .dll file nor a built-in strategy. Built-in strategies: "
                   + string.Join(", ", builtIns.Select(p => $"\"{p.Metadata.Name}\"")) + ".");
    }

    private static StrategyPlugin Compile(string source, string path)
    {
        var result = new StrategyCompiler().Compile(source);
        if (!result.Succeeded)
        {
            throw new PluginException($"{path} does not compile:{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Errors.Select(e => $"  {path}{e}")));
        }

        return StrategyPlugin.Load(result.Assembly, Path.GetFileNameWithoutExtension(path));
    }

    private static string ReadFile(string path) => File.ReadAllText(ExistingFile(path));

    private static string ExistingFile(string path) =>
        File.Exists(path) ? path : throw new PluginException($"The strategy file {path} does not exist.");
}
