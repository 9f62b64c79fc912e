using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Bourse.Benchmarks.FigureColumn).Assembly).Run(args);
