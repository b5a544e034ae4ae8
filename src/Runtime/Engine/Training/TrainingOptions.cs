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

    /// <summary>
    /// Stop after this many batches in all, within the <see cref="Epochs"/> passes (the last one cut short), for
    /// retraining in fractions of an epoch; null trains every batch of every epoch. See <see cref="ForEpochs"/>.
    /// </summary>
    public int? Batches { get; init; }

    /// <summary>
    /// Called after each batch's update with the batches done so far (1, 2, ...), e.g. to measure the network at
    /// checkpoints of one run instead of training again from the start for each amount; null for none.
    /// </summary>
    public Action<int>? AfterBatch { get; init; }

    /// <summary>
    /// These options for a retraining of <paramref name="epochs"/> epochs, fractions included (0.25 is the first quarter
    /// of the batches of one shuffled epoch): whole epochs, then that share of the next one's batches, rounded to
    /// whole batches.
    /// </summary>
    /// <param name="epochs">Positive epochs, e.g. 0.25, 1 or 2.5.</param>
    /// <param name="trainImages">Images of the training set: an epoch is trainImages / BatchSize whole batches.</param>
    /// <returns>The options.</returns>
    public TrainingOptions ForEpochs(double epochs, int trainImages)
    {
        if (!(epochs > 0) || double.IsInfinity(epochs))
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Retraining must be a positive number of epochs.");
        }

        int perEpoch = trainImages / BatchSize;
        int batches = (int)Math.Max(1, Math.Round(epochs * perEpoch, MidpointRounding.AwayFromZero));
        return this with { Epochs = Math.Max(1, (batches + perEpoch - 1) / Math.Max(1, perEpoch)), Batches = batches };
    }
}
