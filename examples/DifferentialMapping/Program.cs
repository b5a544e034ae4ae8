// The main experiment of MapDsl: Yuan et al. (ISQED 2021) claim that differential crossbar mapping plus pruning
// tolerates almost an order of magnitude higher stuck-on fault rate than two-column mapping. This program prunes the
// shipped LeNet-5 to 0/50/80/90% sparsity (masked fine-tuning after pruning), maps each network with both schemes of
// differential.xmap, and sweeps stuck-on faults (then mixed stuck-on/stuck-off faults) over a log grid of rates and
// many chips. It writes trials.csv (resumable), summary.csv, curves.csv, accuracy-vs-rate.svg and report.md.
return new DifferentialMapping.DifferentialExperiment().Run(args);
