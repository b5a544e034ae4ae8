using Lab.Differential;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace DifferentialMapping;

/// <summary>
/// Evaluates trials of one configuration on one thread. It owns a programmed chip that stays clean between trials:
/// a trial samples the chip's fault map, makes those cells stuck, collects the weights that changed (O(faults)),
/// counts correct test images with the incremental evaluator, and then restores exactly the faulty cells.
/// </summary>
internal sealed class CrossbarTrialWorker : ITrialWorker
{
    private readonly ConfigurationContext _context;
    private readonly IMappedChip _chip;
    private readonly CleanTiles[] _clean;
    private readonly FaultedWeights[] _faulted;
    private readonly WeightChanges[] _changes;
    private readonly float[][] _cleanWeights;
    private readonly IncrementalWorkspace _workspace;

    public CrossbarTrialWorker(ConfigurationContext context)
    {
        _context = context;
        _chip = context.Mapping.Map(context.Network);
        _clean = [.. _chip.Layers.Select(CleanTiles.Capture)];
        _faulted = [.. _chip.Layers.Select(layer => new FaultedWeights(layer))];
        _changes = [.. LeNet5.WeightedLayerNames.Select(_ => new WeightChanges())];
        _cleanWeights = [.. LeNet5.WeightedLayerNames.Select(context.CleanReadBack.WeightsOf)];
        _workspace = context.Evaluator.CreateWorkspace();
    }

    public double Evaluate(Trial trial)
    {
        var rates = new FaultRates(trial.StuckOnRate, trial.StuckOffRate, 0, 0);
        if (trial.StuckOnRate == 0 && trial.StuckOffRate == 0)
        {
            return Accuracy(_context.Evaluator.CleanCorrect); // the fault-free chip: nothing changed
        }

        var faults = _context.Mapping.SampleFaults(rates, (ulong)trial.Chip);
        _chip.Inject(faults);
        for (var i = 0; i < _faulted.Length; i++)
        {
            _changes[i].Clear();
            _faulted[i].Collect(faults.Layers[i], _cleanWeights[i], _changes[i]);
        }

        var correct = _context.Evaluator.CountCorrect(_changes, _workspace);
        foreach (var layer in _clean)
        {
            layer.Restore();
        }

        return Accuracy(correct);
    }

    private double Accuracy(int correct) => (double)correct / _context.TestImages;
}
