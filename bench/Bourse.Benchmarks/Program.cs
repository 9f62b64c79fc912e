using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Bourse.Benchmarks.BacktestThroughput).Assembly).Run(args);
