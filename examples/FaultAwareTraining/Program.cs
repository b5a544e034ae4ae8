// eFAT, the resilience analysis: how much fault-aware training (FAT) does LeNet-5 need on a 16x16 systolic array
// at each rate of bypassed PEs? For a grid of PE fault rates and several random fault maps per rate, it retrains the
// shipped LeNet-5 with each map held (bypassed weights stay 0) and measures the chip's accuracy after 0, 0.25, 0.5,
// 1, 2, 3 and 5 epochs, then derives the resilience map E*(r): the least retraining that keeps accuracy within the
// allowed drop. Then 20 chips, each with its own PE fault rate and map, are retrained per chip and in groups whose
// fused maps save retraining (eFAT's grouping). It writes trials.csv (resumable), resilience.csv,
// resilience-map.csv, chips.csv, cost.csv, summary.csv, curves.csv, accuracy-vs-rate.svg, resilience.svg, cost.svg
// and report.md.
return new FaultAwareTraining.ResilienceExperiment().Run(args);
