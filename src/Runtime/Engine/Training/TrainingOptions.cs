namespace MapDsl.Runtime.Engine.Training;

/// <summary>How <see cref="MaskedTrainer"/> trains: SGD hyperparameters, mini-batches and the shuffling seed.</summary>
/// <param name="Epochs">Passes over the training set, at least 1.</param>
/// <param name="LearningRate">SGD step size (see <see cref="Sgd"/>).</param>
/// <param name="Momentum">Momentum in [0, 1).</param>
/// <param name="BatchSize">Images per mini-batch, at least 1.</param>
/// <param name="Seed">Seed of the shuffles: the same seed gives the same batches, on any machine and thread count.</param>
/// <param name="Nesterov">Nesterov momentum.</param>
/// <param name="WeightDecay">L2 weight decay on the weights (never the biases).</param>
public sealed record TrainingOptions(
    int Epochs, float LearningRate, float Momentum = 0.9f, int BatchSize = 32, int Seed = 1, bool Nesterov = false, float WeightDecay = 0f)
{
    /// <summary>
    /// The learning rate of each epoch (1-based), for a schedule; null keeps <see cref="LearningRate"/> throughout.
    /// </summary>
    public Func<int, float>? LearningRateOfEpoch { get; init; }
}
