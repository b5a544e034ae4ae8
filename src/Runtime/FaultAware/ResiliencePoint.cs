namespace MapDsl.Runtime.FaultAware;

/// <summary>One measurement of a resilience analysis: the test accuracy after fault-aware training.</summary>
/// <param name="Rate">The PE fault rate of the fault map.</param>
/// <param name="Epochs">The retraining given, in epochs (0 for none; fractions allowed).</param>
/// <param name="Map">Which of the random fault maps at this rate (0, 1, ...).</param>
/// <param name="Accuracy">Test accuracy of the retrained network on that map's chip, in [0, 1].</param>
public sealed record ResiliencePoint(double Rate, double Epochs, int Map, double Accuracy);
