using System.CommandLine;
using Bourse.Cli.Backtest;

var root = new RootCommand("Bourse: backtest and run algorithmic trading strategies.")
{
    BacktestCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
