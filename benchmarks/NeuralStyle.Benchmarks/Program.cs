using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/NeuralStyle.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
