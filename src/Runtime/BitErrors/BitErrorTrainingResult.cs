namespace MapDsl.Runtime.BitErrors;

/// <summary>What <see cref="QuantizedTraining.Train"/> reports.</summary>
/// <param name="EpochLosses">The mean clean loss of each epoch.</param>
/// <param name="Steps">Steps (batches) trained.</param>
/// <param name="InjectedSteps">Steps that also took the gradient under bit errors (RandBET; 0 otherwise).</param>
public sealed record BitErrorTrainingResult(double[] EpochLosses, int Steps, int InjectedSteps);
