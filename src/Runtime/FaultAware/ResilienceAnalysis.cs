using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.FaultAware;

/// <summary>
/// The measurements behind a <see cref="ResilienceMap"/> for one fault map: the chip's accuracy after each amount of
/// fault-aware training. All amounts come from one training run, measured at checkpoints: with the same seed, the
/// first 0.25 epochs of a 5-epoch run are exactly a 0.25-epoch run (same shuffles, same steps), so measuring along
/// the way gives the same accuracies as training again for each amount, at the cost of the longest one.
/// </summary>
public static class ResilienceAnalysis
{
    /// <summary>Accuracy of the chip of <paramref name="faults"/> after each amount of fault-aware training.</summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="trained">The trained network; not changed.</param>
    /// <param name="mapping">The weight-stationary mapping the chip runs.</param>
    /// <param name="faults">The chip's fault map.</param>
    /// <param name="rate">The PE fault rate the map was sampled at (recorded in the points).</param>
    /// <param name="map">Which map of the rate this is (recorded in the points).</param>
    /// <param name="epochs">The amounts to measure, e.g. 0, 0.25, 0.5, 1, 2; 0 is the chip without retraining.</param>
    /// <param name="train">The training images.</param>
    /// <param name="test">The test images the chip is evaluated on.</param>
    /// <param name="options">SGD settings, batch size and seed (its epochs are set from <paramref name="epochs"/>).</param>
    /// <param name="cancel">Checked before each batch.</param>
    /// <returns>One point per amount, in the order given.</returns>
    public static IReadOnlyList<ResiliencePoint> OfMap<TWeights>(
        TWeights trained, IMapping<TWeights> mapping, FaultMap faults, double rate, int map, IReadOnlyList<double> epochs,
        ImageSet train, ImageSet test, TrainingOptions options, CancellationToken cancel = default)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        if (epochs.Count == 0 || epochs.Any(e => !(e >= 0) || double.IsInfinity(e)))
        {
            throw new ArgumentException($"Retraining amounts must be 0 or more epochs, got [{string.Join(", ", epochs)}].", nameof(epochs));
        }

        var accuracy = new Dictionary<double, double>();
        var weights = trained.Clone();
        double Chip()
        {
            var chip = mapping.Map(weights);
            mapping.Inject(chip, faults);
            return TestAccuracy.Of(mapping.ReadBack(chip), test);
        }

        if (epochs.Contains(0))
        {
            accuracy[0] = Chip();
        }

        double longest = epochs.Max();
        if (longest > 0)
        {
            // Each amount's batch count, as ForEpochs rounds it for a run of that length alone.
            var checkpoints = epochs.Where(e => e > 0).Distinct().ToLookup(e => options.ForEpochs(e, train.Count).Batches!.Value);
            var run = options.ForEpochs(longest, train.Count) with
            {
                AfterBatch = done =>
                {
                    if (checkpoints.Contains(done))
                    {
                        double measured = Chip();
                        foreach (double e in checkpoints[done])
                        {
                            accuracy[e] = measured;
                        }
                    }
                },
            };
            FaultAwareTraining.FineTune(weights, mapping, faults, train, run, cancel: cancel);
        }

        return [.. epochs.Select(e => new ResiliencePoint(rate, e, map, accuracy[e]))];
    }
}
