using System.Runtime.InteropServices;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// <see cref="FaultMapChanges"/> on a weight-stationary systolic array, where a PE holds its weight as decoded: a
/// bypassed PE reads 0 whatever its code (<see cref="BypassedWeights"/>), any other PE reads its flipped weight's
/// decoded code. Nothing is written into the chip.
/// </summary>
internal sealed class SystolicMapChanges : FaultMapChanges
{
    private readonly LayerPlan[] _layers;

    // One flag per PE of the array, set for the current map's bypassed PEs and cleared after it: O(bypassed PEs).
    private readonly bool[] _bypassed;
    private readonly int _columns;

    public SystolicMapChanges(ISystolicChip chip, IReadOnlyList<float[]> cleanWeights)
        : base(chip, cleanWeights)
    {
        _layers = [.. chip.Mapping.Layers];
        _columns = chip.PeFaults.Spec.Columns;
        _bypassed = new bool[chip.PeFaults.Spec.PeCount];
    }

    private protected override void CollectFitting(FaultMap faults, IReadOnlyList<WeightChanges> changes)
    {
        var bypassed = CollectionsMarshal.AsSpan(faults.BypassedPes);
        Mark(bypassed, true);
        try
        {
            for (int i = 0; i < _layers.Length; i++)
            {
                BypassedWeights.Collect(_layers[i].Plan, faults.BypassedPes, Clean[i], changes[i]);
                var flips = CollectionsMarshal.AsSpan(faults.Layers[i].BitFlips);
                int weightFlips = WeightFlipCount(flips, Clean[i].Length);
                AddFlipped(i, flips[..weightFlips], changes[i]);
                AddFlippedBiases(i, flips[weightFlips..], Clean[i].Length, changes[i]);
            }
        }
        finally
        {
            Mark(bypassed, false);
        }
    }

    // The flipped weights on working PEs; those on bypassed PEs read 0 and were collected with the bypassed PEs.
    private void AddFlipped(int layer, ReadOnlySpan<BitFlipAt> flips, WeightChanges changes)
    {
        var plan = _layers[layer].Plan;
        var codes = Codes[layer];
        var clean = Clean[layer];
        foreach (var (weight, mask) in new FlipMasks(flips))
        {
            var (_, row, column) = plan.Locate(weight); // weight (i, j) of any tile sits on PE (i, j)
            if (_bypassed[(row * _columns) + column])
            {
                continue;
            }

            float value = codes!.DecodeFlipped(weight, mask);
            if (BitConverter.SingleToInt32Bits(value) != BitConverter.SingleToInt32Bits(clean[weight]))
            {
                changes.Add(weight, value);
            }
        }
    }

    private void Mark(ReadOnlySpan<PeAt> pes, bool bypassed)
    {
        foreach (var pe in pes)
        {
            _bypassed[(pe.Row * _columns) + pe.Column] = bypassed;
        }
    }
}
