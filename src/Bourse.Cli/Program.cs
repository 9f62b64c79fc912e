using System.CommandLine;
using Bourse.Cli.Backtest;
using Bourse.Cli.Optimize;

var root = new RootCommand("Bourse: backtest and run algorithmic trading strategies.")
{
    BacktestCommand.Create(),
    OptimizeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
