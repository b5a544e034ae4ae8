using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Evaluates trials of one mapping on one thread: samples the chip's fault map at the trial's rates, finds the weights
/// the faults change, and counts correct test images with the incremental evaluator. Every fault kind takes an
/// O(faults) path. Stuck cells alone on two-column and differential mappings come straight from the fault draws
/// (<see cref="FaultedWeights.CollectSampled"/>). Every other trial samples the fault map and hands it to
/// <see cref="FaultMapChanges"/>, which works on the one chip the worker keeps programmed: stuck cells are injected
/// and read from the tiles, bypassed PEs zero one weight per tile, and flipped code bits are decoded from the chip's
/// stored codes only where they flip and written into those weights' own cells, then everything is restored.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
internal sealed class MappingTrialWorker<TWeights> : ITrialWorker
    where TWeights : class, INetworkWeights<TWeights>
{
    private readonly MappingEvaluation<TWeights> _evaluation;
    private readonly WeightChanges[] _changes;
    private readonly IncrementalWorkspace _workspace;
    private readonly CleanTiles[] _cleanTiles;
    private readonly FaultMapChanges _mapChanges;

    // Per layer on two-column and differential mappings, whose stuck cells alone come straight from the draws; empty otherwise.
    private readonly FaultedWeights[] _sampledPairs;

    public MappingTrialWorker(MappingEvaluation<TWeights> evaluation)
    {
        _evaluation = evaluation;
        string[] layers = [.. evaluation.Network.LayerNames];
        float[][] cleanWeights = [.. layers.Select(evaluation.CleanReadBack.WeightsOf)];
        _changes = [.. layers.Select(_ => new WeightChanges())];
        _workspace = evaluation.Evaluator.CreateWorkspace();
        var chip = evaluation.Mapping.Map(evaluation.Network);
        if (chip is ICrossbarChip crossbar)
        {
            _cleanTiles = [.. crossbar.MappedLayers.Select(CleanTiles.Capture)];
            _mapChanges = new CrossbarMapChanges(crossbar, _cleanTiles, cleanWeights); // one capture for both paths
            _sampledPairs = evaluation.Mapping.Scheme is Schemes.Scheme.TwoColumn or Schemes.Scheme.Differential
                ? [.. crossbar.MappedLayers.Select(layer => new FaultedWeights(layer))]
                : [];
        }
        else
        {
            _cleanTiles = [];
            _mapChanges = FaultMapChanges.For(chip, cleanWeights);
            _sampledPairs = [];
        }
    }

    public double Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Rates == FaultRates.None)
        {
            return Accuracy(_evaluation.Evaluator.CleanCorrect); // the fault-free chip: nothing changed
        }

        var mapping = _evaluation.Mapping;
        if (_sampledPairs.Length > 0 && trial.Rates.BitFlip == 0)
        {
            return Accuracy(StuckCellPairs(trial));
        }

        _mapChanges.Collect(mapping.SampleFaults(trial.Rates, trial.Seed), _changes);
        if (trial.Rates.BitFlip != 0)
        {
            // Bit-flip trials were evaluated from a full read-back diff, which lists changes in weight order, and the
            // evaluator's corrections sum in the order of the changes: the same order keeps their accuracies to the bit.
            foreach (var layer in _changes)
            {
                layer.SortByIndex();
            }
        }

        return Accuracy(_evaluation.Evaluator.CountCorrect(_changes, _workspace));
    }

    // Pair schemes: the changed weights come straight from the fault draws and the clean cells, with no fault map,
    // no injection and nothing to restore (bit-identical to injecting the sampled map and reading back).
    private int StuckCellPairs(Trial trial)
    {
        var shape = _evaluation.Mapping.Shape;
        for (var i = 0; i < _sampledPairs.Length; i++)
        {
            _sampledPairs[i].CollectSampled(shape, i, trial.Rates, trial.Seed, _cleanTiles[i], _changes[i]);
        }

        return _evaluation.Evaluator.CountCorrect(_changes, _workspace);
    }

    private double Accuracy(int correct) => (double)correct / _evaluation.TestImages;
}
