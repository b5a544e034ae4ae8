using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.FaultAware;

/// <summary>
/// Fault-aware training (FAT) for one faulty systolic-array chip: fine-tune the network with the chip's fault map
/// held, so that it learns to do without the weights the chip cannot compute. A weight stationed on a bypassed PE
/// contributes 0 on the chip, so during training it is 0 in every forward pass and gets no update; every other
/// weight trains normally. The masked trainer of pruning does exactly that with the bypass mask as its keep-mask.
/// </summary>
public static class FaultAwareTraining
{
    /// <summary>
    /// The keep-masks of a chip: one per weighted layer of the network, in network order, false where the weight sits
    /// on a bypassed PE of <paramref name="faults"/> (a layer the mapping does not map keeps every weight).
    /// </summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="mapping">A weight-stationary mapping of the network.</param>
    /// <param name="faults">The chip's fault map, made for that mapping (e.g. its <c>SampleFaults</c>, or a fused map).</param>
    /// <returns>The masks, as <see cref="MaskedTrainer.FineTune"/> takes them.</returns>
    /// <exception cref="ArgumentException">The mapping is not systolic, or the map was made for another mapping.</exception>
    public static IReadOnlyList<bool[]> KeepMasks<TWeights>(IMapping<TWeights> mapping, FaultMap faults)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(faults);
        if (!mapping.IsSystolic)
        {
            throw new ArgumentException($"Mapping {mapping.Name} maps onto crossbars; fault-aware training here holds the bypassed PEs of a systolic array.", nameof(mapping));
        }

        if (!faults.Matches(mapping.Shape, out var problem))
        {
            throw new ArgumentException($"The fault map does not fit mapping {mapping.Name}: {problem}", nameof(faults));
        }

        var network = TWeights.Zero();
        return [.. network.LayerNames.Select(name => mapping.Layers.FirstOrDefault(l => l.Layer == name) is { } layer
            ? Array.ConvertAll(BypassedWeights.Mask(layer.Plan, faults.BypassedPes), bypassed => !bypassed)
            : Enumerable.Repeat(true, network.WeightsOf(name).Length).ToArray())];
    }

    /// <summary>
    /// Trains <paramref name="weights"/> in place for the chip of <paramref name="faults"/>: the weights on bypassed PEs
    /// are set to 0 and held there, the rest are fine-tuned. Deterministic for the options' seed.
    /// </summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="weights">The trained network; changed in place.</param>
    /// <param name="mapping">The weight-stationary mapping the chip runs.</param>
    /// <param name="faults">The chip's fault map.</param>
    /// <param name="train">The training images.</param>
    /// <param name="options">Epochs, SGD settings, batch size and seed; <see cref="TrainingOptions.ForEpochs"/> for fractions of an epoch.</param>
    /// <param name="onEpoch">Called after each epoch with the epoch (1-based) and its mean loss.</param>
    /// <param name="cancel">Checked before each batch.</param>
    /// <returns>The mean loss of each epoch.</returns>
    public static double[] FineTune<TWeights>(
        TWeights weights, IMapping<TWeights> mapping, FaultMap faults, ImageSet train, TrainingOptions options, Action<int, double>? onEpoch = null, CancellationToken cancel = default)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(weights);

        // The trainer zeroes the masked weights before the first batch, so the first forward pass is already the chip's.
        return MaskedTrainer.FineTune(weights, KeepMasks(mapping, faults), train, options, onEpoch, cancel);
    }
}
