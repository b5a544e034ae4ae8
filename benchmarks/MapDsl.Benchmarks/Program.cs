// The bench commands. Each prints a table measured in one run; see benchmarks/README.md.
using System.CommandLine;
using MapDsl.Benchmarks;

var file = new Option<string>("--file") { Description = "Example .xmap file to generate from", DefaultValueFactory = _ => "lenet5.xmap" };
var generator = new Command("generator", "Time the generator's stages and whole runs on an example .xmap file") { file };
generator.SetAction(result => GeneratorBench.Run(result.GetValue(file)!));

var root = new RootCommand("MapDsl benchmarks: dotnet run -c Release --project benchmarks/MapDsl.Benchmarks -- <command>") { generator };
return root.Parse(args).Invoke();
