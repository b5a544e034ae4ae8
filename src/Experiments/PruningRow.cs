namespace MapDsl.Experiments;

/// <summary>One pruning's effect on test accuracy.</summary>
/// <param name="Name">The pruning (or "none").</param>
/// <param name="AchievedSparsity">Fraction of all weights that are zero.</param>
/// <param name="TrainedAccuracy">The trained network.</param>
/// <param name="PrunedAccuracy">Right after pruning.</param>
/// <param name="FineTunedAccuracy">After masked fine-tuning.</param>
public sealed record PruningRow(string Name, double AchievedSparsity, double TrainedAccuracy, double PrunedAccuracy, double FineTunedAccuracy);
