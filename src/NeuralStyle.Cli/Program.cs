using NeuralStyle.Cli;
using NeuralStyle.Cli.Reporting;

using var cancellation = new ConsoleCancellation();
return await NeuralStyleApp.RunAsync(args, CliConsole.FromProcess(), cancellation.Token);
