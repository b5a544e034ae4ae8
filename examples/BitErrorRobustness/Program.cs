// Bit error robustness (Stutz et al., MLSys 2021): trains the MLP and LeNet-5 on Fashion-MNIST with each of the
// paper's methods (normal and RQuant quantization-aware training, weight clipping at w_max 0.1 and 0.05, RandBET at
// p_train 1% with w_max 0.1) at 8 and 4 bits, then evaluates every model under 50 random bit error patterns of its
// stored weight codes at each bit error rate, nested across rates, and the quantization ablation on the RQuant model.
// Writes rerr.csv, ablation.csv, rerr-vs-p.svg and report.md; trained models are cached under <out>/models.
return BitErrorRobustness.BitErrorExperiment.Run(args);
