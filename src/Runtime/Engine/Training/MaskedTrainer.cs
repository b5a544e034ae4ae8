using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// Mini-batch SGD over a set of layers, keeping pruned weights at exactly 0: the loop of examples/Train, and the
/// fine-tuning that recovers accuracy after pruning. Each epoch reshuffles the training set (seeded, so runs are
/// bit-identical for a seed), and every full batch is one <see cref="BatchLoss"/> call followed by one
/// <see cref="Sgd"/> step per weight and bias array, in layer order. A layer with a keep-mask is masked before the
/// first batch (<see cref="Masks.Apply"/>) and then stepped with
/// <see cref="Sgd.Step(Span{float}, ReadOnlySpan{float}, int, ReadOnlySpan{bool})"/>, which holds its pruned weights
/// and their velocities at 0.
/// </summary>
public static class MaskedTrainer
{
    /// <summary>
    /// Fine-tunes a generated network's weights in place with keep-masks held (pruned weights, or weights a chip
    /// cannot hold, stay exactly 0 and get no update); returns the mean batch loss of each epoch. The gradient
    /// container and the model (batches of <see cref="TrainingOptions.BatchSize"/>) are made here.
    /// </summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="weights">The weights, trained in place.</param>
    /// <param name="keep">One keep-mask per weighted layer in network order (e.g. a pruning's <c>Keep</c>), or null.</param>
    /// <param name="train">The training images.</param>
    /// <param name="options">Epochs, SGD settings, batch size and seed.</param>
    /// <param name="onEpoch">Called after each epoch with the epoch (1-based) and its mean loss.</param>
    /// <param name="cancel">Checked before each batch.</param>
    /// <returns>The mean loss of each epoch.</returns>
    public static double[] FineTune<TWeights>(
        TWeights weights, IReadOnlyList<bool[]>? keep, ImageSet train, TrainingOptions options, Action<int, double>? onEpoch = null, CancellationToken cancel = default)
        where TWeights : class, Contract.INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        var gradients = TWeights.Zero();
        var model = TWeights.CreateModel(options.BatchSize);
        return Train(
            TrainableLayer.From(weights, gradients, keep), (x, y, n) => model.Loss(x, y, n, weights, gradients), train, options, onEpoch, cancel: cancel);
    }

    /// <summary>Trains the layers in place; returns the mean batch loss of each epoch.</summary>
    /// <param name="layers">The parameters to train, with their gradient arrays and keep-masks.</param>
    /// <param name="loss">Forward and backward on a batch, writing the layers' gradients.</param>
    /// <param name="train">The training images.</param>
    /// <param name="options">Epochs, SGD settings, batch size and seed.</param>
    /// <param name="onEpoch">Called after each epoch with the epoch (1-based) and its mean loss, e.g. for progress.</param>
    /// <param name="shuffling">
    /// The generator of the shuffles, for a caller whose run draws other numbers from the same generator first
    /// (examples/Train draws the initial weights); null creates one from <see cref="TrainingOptions.Seed"/>.
    /// </param>
    /// <param name="cancel">Checked before each batch.</param>
    /// <exception cref="ArgumentException">The options are out of range, or the set holds less than one batch.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was signalled.</exception>
    public static double[] Train(
        IReadOnlyList<TrainableLayer> layers,
        BatchLoss loss,
        ImageSet train,
        TrainingOptions options,
        Action<int, double>? onEpoch = null,
        Random? shuffling = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        if (train.Count < options.BatchSize)
        {
            throw new ArgumentException($"The training set holds {train.Count} images, fewer than one batch of {options.BatchSize}.", nameof(train));
        }

        var sgd = new Sgd(options.LearningRate, options.Momentum, options.Nesterov, options.WeightDecay);
        var slots = new (int Weights, int Bias)[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            slots[l] = (sgd.RegisterWeights(layers[l].Weights.Length), sgd.RegisterBiases(layers[l].Bias.Length));
            if (layers[l].Keep is { } keep)
            {
                // The first batch must already see the pruned network, not just the first step.
                Masks.Apply(layers[l].Weights, keep);
            }
        }

        var batches = new ShuffledBatches(train, options.BatchSize, shuffling ?? new Random(options.Seed));
        int left = options.Batches ?? checked(options.Epochs * batches.Count);
        if (left <= (long)(options.Epochs - 1) * batches.Count || left > (long)options.Epochs * batches.Count)
        {
            throw new ArgumentException(
                $"{options.Batches} batches are not {options.Epochs} epochs of {batches.Count} batches (the last one cut short); use TrainingOptions.ForEpochs.", nameof(options));
        }

        var meanLosses = new double[options.Epochs];
        int done = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            sgd.LearningRate = options.LearningRateOfEpoch?.Invoke(epoch) ?? options.LearningRate;
            batches.Shuffle();
            double total = 0;
            int run = Math.Min(batches.Count, left);
            for (int b = 0; b < run; b++)
            {
                cancel.ThrowIfCancellationRequested();
                batches.Load(b);
                total += loss(batches.Pixels, batches.Labels, batches.BatchSize);
                Step(sgd, layers, slots);
                options.AfterBatch?.Invoke(++done);
            }

            left -= run;
            meanLosses[epoch - 1] = total / run;
            onEpoch?.Invoke(epoch, meanLosses[epoch - 1]);
        }

        return meanLosses;
    }

    private static void Step(Sgd sgd, IReadOnlyList<TrainableLayer> layers, (int Weights, int Bias)[] slots)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            TrainableLayer layer = layers[l];
            if (layer.Keep is { } keep)
            {
                sgd.Step(layer.Weights, layer.WeightGradient, slots[l].Weights, keep);
            }
            else
            {
                sgd.Step(layer.Weights, layer.WeightGradient, slots[l].Weights);
            }

            sgd.Step(layer.Bias, layer.BiasGradient, slots[l].Bias);
        }
    }
}
