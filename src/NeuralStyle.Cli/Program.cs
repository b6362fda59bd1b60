using NeuralStyle.Cli;
using NeuralStyle.Cli.Reporting;

return await NeuralStyleApp.RunAsync(args, CliConsole.FromProcess());
