using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Evaluates trials of one mapping on one thread: samples the chip's fault map at the trial's rates, finds the weights
/// the faults change, and counts correct test images with the incremental evaluator. Stuck cells on crossbars take the
/// O(faults) path: on two-column and differential mappings the changed weights come straight from the fault draws
/// (<see cref="FaultedWeights.CollectSampled"/>); on offset mappings the worker keeps one programmed chip, makes the
/// sampled cells stuck, collects the changed weights from the fault list, and restores exactly those cells. Bypassed
/// PEs of a weight-stationary mapping zero one weight per tile each (<see cref="BypassedWeights"/>), also O(changes).
/// Flipped code bits are evaluated on a freshly programmed chip whose read-back weights are compared with the clean
/// ones, which is O(weights) per trial but exact for any mapping.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
internal sealed class MappingTrialWorker<TWeights> : ITrialWorker
    where TWeights : class, INetworkWeights<TWeights>
{
    private readonly MappingEvaluation<TWeights> _evaluation;
    private readonly string[] _layers;
    private readonly float[][] _cleanWeights;
    private readonly WeightChanges[] _changes;
    private readonly IncrementalWorkspace _workspace;
    private readonly IChip _chip;
    private readonly CleanTiles[] _cleanTiles;
    private readonly FaultedWeights[] _faulted;
    private readonly TWeights _readBack;

    public MappingTrialWorker(MappingEvaluation<TWeights> evaluation)
    {
        _evaluation = evaluation;
        _layers = [.. evaluation.Network.LayerNames];
        _cleanWeights = [.. _layers.Select(evaluation.CleanReadBack.WeightsOf)];
        _changes = [.. _layers.Select(_ => new WeightChanges())];
        _workspace = evaluation.Evaluator.CreateWorkspace();
        _chip = evaluation.Mapping.Map(evaluation.Network);
        var crossbar = _chip as ICrossbarChip;
        _cleanTiles = crossbar is null ? [] : [.. crossbar.MappedLayers.Select(CleanTiles.Capture)];
        _faulted = crossbar is null ? [] : [.. crossbar.MappedLayers.Select(layer => new FaultedWeights(layer))];
        _readBack = TWeights.Zero();
    }

    public double Evaluate(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Rates == FaultRates.None)
        {
            return Accuracy(_evaluation.Evaluator.CleanCorrect); // the fault-free chip: nothing changed
        }

        var mapping = _evaluation.Mapping;
        if (_faulted.Length > 0 && trial.Rates.BitFlip == 0 && mapping.Scheme is Schemes.Scheme.TwoColumn or Schemes.Scheme.Differential)
        {
            return Accuracy(StuckCellPairs(trial));
        }

        var faults = mapping.SampleFaults(trial.Rates, trial.Seed);
        int correct = trial.Rates.BitFlip != 0 ? AnyFaults(faults)
            : _faulted.Length > 0 ? StuckCellsOnly(faults)
            : mapping.IsSystolic ? BypassedPesOnly(faults)
            : AnyFaults(faults);
        return Accuracy(correct);
    }

    // Weight-stationary: a bypassed PE zeroes one weight of every tile; those weights are the changes, O(changes).
    private int BypassedPesOnly(FaultMap faults)
    {
        var layers = _evaluation.Mapping.Layers;
        for (var i = 0; i < _layers.Length; i++)
        {
            BypassedWeights.Collect(layers[i].Plan, faults.BypassedPes, _cleanWeights[i], _changes[i]);
        }

        return _evaluation.Evaluator.CountCorrect(_changes, _workspace);
    }

    // Pair schemes: the changed weights come straight from the fault draws and the clean cells, with no fault map,
    // no injection and nothing to restore (bit-identical to injecting the sampled map and reading back).
    private int StuckCellPairs(Trial trial)
    {
        var shape = _evaluation.Mapping.Shape;
        for (var i = 0; i < _faulted.Length; i++)
        {
            _faulted[i].CollectSampled(shape, i, trial.Rates, trial.Seed, _cleanTiles[i], _changes[i]);
        }

        return _evaluation.Evaluator.CountCorrect(_changes, _workspace);
    }

    private int StuckCellsOnly(FaultMap faults)
    {
        _evaluation.Mapping.Inject(_chip, faults);
        for (var i = 0; i < _faulted.Length; i++)
        {
            _changes[i].Clear();
            _faulted[i].Collect(faults.Layers[i], _cleanWeights[i], _changes[i]);
        }

        var correct = _evaluation.Evaluator.CountCorrect(_changes, _workspace);
        foreach (var layer in _cleanTiles)
        {
            layer.Restore();
        }

        return correct;
    }

    private int AnyFaults(FaultMap faults)
    {
        var mapping = _evaluation.Mapping;
        var chip = mapping.Map(_evaluation.Network);
        mapping.Inject(chip, faults);
        mapping.ReadBack(chip, _readBack);
        for (var i = 0; i < _layers.Length; i++)
        {
            _changes[i].Clear();
            var clean = _cleanWeights[i];
            var faulty = _readBack.WeightsOf(_layers[i]);
            for (var j = 0; j < clean.Length; j++)
            {
                // Bitwise, so that a NaN or a signed zero a fault produces counts as a change.
                if (BitConverter.SingleToInt32Bits(faulty[j]) != BitConverter.SingleToInt32Bits(clean[j]))
                {
                    _changes[i].Add(j, faulty[j]);
                }
            }
        }

        return _evaluation.Evaluator.CountCorrect(_changes, _workspace);
    }

    private double Accuracy(int correct) => (double)correct / _evaluation.TestImages;
}
