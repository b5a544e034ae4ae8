// The main experiment of MapDsl: Yuan et al. (ISQED 2021) claim that differential crossbar mapping plus pruning
// tolerates almost an order of magnitude higher stuck-on fault rate than two-column mapping. This program prunes the
// shipped LeNet-5 (--network resnet: ResNet-8) to 0/50/80/90% sparsity (masked fine-tuning after pruning), maps each
// network with both schemes of differential.xmap, and sweeps stuck-on faults (then mixed stuck-on/stuck-off faults)
// over a log grid of rates and many chips, writing trials.csv (resumable), summaries, plots and report.md.
return DifferentialMapping.DifferentialExperiment.Command(args, Spectre.Console.AnsiConsole.Console).Parse(args).Invoke();
