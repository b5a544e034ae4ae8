// The bench commands. Each prints a table measured in one run; see benchmarks/README.md.
using System.CommandLine;
using MapDsl.Benchmarks;

var file = new Option<string>("--file") { Description = "Example .xmap file to generate from", DefaultValueFactory = _ => "lenet5.xmap" };
var generator = new Command("generator", "Time the generator's stages and whole runs on an example .xmap file") { file };
generator.SetAction(result => GeneratorBench.Run(result.GetValue(file)!));

var faults = new Command("faults", "Time fault sampling + injection (O(faults) vs per-cell), the generated Map against a memory copy, and bit-flip trials/s of a campaign");
faults.SetAction(_ => FaultsBench.Run());

var map = new Command("map", "The generated Map of a 1024x1024 dense layer into an existing state against a plain copy of as many conductances; prints the ratio");
map.SetAction(_ => MapBench.Run());

var kernels = new Command("kernels", "Measure the FMA peak, then the GEMM kernel's GFLOP/s and share of it at 512^3 and the LeNet-5 and MLP layer shapes");
kernels.SetAction(_ => KernelsBench.Run());

var rates = new Option<double[]>("--rate") { Description = "Cell rates in percent to run (default 0.1, 1 and 10), e.g. --rate 10 to profile one", AllowMultipleArgumentsPerToken = true };
var workers = new Option<int>("--workers") { Description = "Trial streams run side by side (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
var inject = new Option<bool>("--inject") { Description = "Run each trial through a sampled fault map injected into the tiles (and restored) instead of straight from the draws" };
var cpuTime = new Option<bool>("--cpu-time") { Description = "Time the phases in thread CPU time instead of wall time (Linux): steadier on a machine shared with other work" };
var campaign = new Command("campaign", "The peer workload: trials/s of fault campaigns on a 1024x1024 dense layer (two-column), batch 256, at 0.1%, 1%, 10%") { rates, workers, inject, cpuTime };
campaign.SetAction(result => CampaignBench.Run(
    result.GetValue(rates) is { Length: > 0 } percents ? [.. percents.Select(p => p / 100)] : null, result.GetValue(workers), result.GetValue(inject), result.GetValue(cpuTime)));

var incremental = new Command("incremental", "LeNet-5 fault trials: full CountCorrect vs the incremental evaluator, changes in f1, c2 or c1");
incremental.SetAction(_ => IncrementalBench.Run());

var training = new Command("training", "LeNet-5 masked training (the step of fault-aware training) in images/s at batches of 32 and 128");
training.SetAction(_ => TrainingBench.Run());

var bitErrors = new Command("bit-errors", "Bit error robustness: evaluations/s of 50 patterns x 10 rates (incremental vs from scratch) and RandBET training images/s, MLP and LeNet-5");
bitErrors.SetAction(_ => BitErrorBench.Run());

var resnet = new Command("resnet", "ResNet-8 forward images/s at batch 256 (unfolded and folded batch norms) and training images/s at batch 128");
resnet.SetAction(_ => ResNetBench.Run());

var fuzzCount = new Option<long>("--count") { Description = "Inputs to run (half generated from the grammar, half mutated shipped files)", DefaultValueFactory = _ => 1_000_000 };
var fuzzSeed = new Option<ulong>("--seed") { Description = "Seed: with the index, it fixes every input", DefaultValueFactory = _ => 1 };
var fuzzCompile = new Option<int>("--compile") { Description = "Inputs whose generated code is compiled: this many valid ones and as many with errors (their stand-ins), evenly spaced samples", DefaultValueFactory = _ => 200 };
var fuzzBound = new Option<double>("--max-ms") { Description = "Per-input time bound for parse + bind + emit; slower inputs fail the run", DefaultValueFactory = _ => 1000 };
var fuzzMinutes = new Option<double?>("--minutes") { Description = "Stop taking new inputs after this many minutes; the report says how many ran" };
var fuzz = new Command("fuzz", "Grammar-aware fuzzing of the parser, binder, emitter and analyzer path: inputs/s, counts, crashes (must be 0), the slowest input") { fuzzCount, fuzzSeed, workers, fuzzCompile, fuzzBound, fuzzMinutes };
fuzz.SetAction(result => FuzzBench.Run(result.GetValue(fuzzCount), result.GetValue(fuzzSeed), result.GetValue(workers), result.GetValue(fuzzCompile), result.GetValue(fuzzBound), result.GetValue(fuzzMinutes)));

var lsp = new Command("lsp", "Language server: keystroke to publishDiagnostics on a generated 2,000-line .xmap file, median and p95 over 400 incremental edits");
lsp.SetAction(_ => LspBench.RunAsync().GetAwaiter().GetResult());

var root = new RootCommand("MapDsl benchmarks: dotnet run -c Release --project benchmarks/MapDsl.Benchmarks -- <command>") { generator, faults, map, kernels, campaign, incremental, training, bitErrors, resnet, fuzz, lsp };
return root.Parse(args).Invoke();
