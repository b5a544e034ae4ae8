using System.Runtime.InteropServices;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// <see cref="FaultMapChanges"/> on crossbar tiles: the stuck cells go into the borrowed chip through the generated
/// <c>Inject</c> (the flips stay out of it, because <c>Inject</c> would re-program every weight of the layer), the
/// flipped weights are written into their own cells, and one pass over the stuck cells then reads every weight a
/// stuck cell reaches with its new cells; the flipped weights no stuck cell reaches are read last.
/// </summary>
internal sealed class CrossbarMapChanges : FaultMapChanges
{
    private readonly ICrossbarChip _chip;
    private readonly CleanTiles[] _cleanTiles;
    private readonly FaultedWeights[] _faulted;
    private readonly FlippedCells[] _flipped;

    /// <summary>Prepares the view over a clean chip and its tiles' capture (shared with the caller, which may restore it too).</summary>
    public CrossbarMapChanges(ICrossbarChip chip, CleanTiles[] cleanTiles, IReadOnlyList<float[]> cleanWeights)
        : base(chip, cleanWeights)
    {
        ArgumentNullException.ThrowIfNull(cleanTiles);
        _chip = chip;
        _cleanTiles = cleanTiles;
        _faulted = [.. cleanTiles.Select(clean => new FaultedWeights(clean.Layer))];
        _flipped = [.. cleanTiles.Select(clean => new FlippedCells(clean))];
    }

    private protected override void CollectFitting(FaultMap faults, IReadOnlyList<WeightChanges> changes)
    {
        bool stuck = faults.CellFaultCount > 0;
        if (stuck)
        {
            _chip.Mapping.Inject(_chip, StuckCellsOf(faults));
        }

        try
        {
            for (int i = 0; i < _flipped.Length; i++)
            {
                var allFlips = CollectionsMarshal.AsSpan(faults.Layers[i].BitFlips);
                int weightFlips = WeightFlipCount(allFlips, Clean[i].Length);
                var flips = allFlips[..weightFlips];
                if (!flips.IsEmpty)
                {
                    _flipped[i].Program(Codes[i]!, flips);
                }

                changes[i].Clear();
                if (stuck)
                {
                    _faulted[i].Collect(faults.Layers[i], Clean[i], changes[i]);
                }

                _flipped[i].AddUnreached(Clean[i], changes[i]);
                AddFlippedBiases(i, allFlips[weightFlips..], Clean[i].Length, changes[i]);
            }
        }
        finally
        {
            for (int i = 0; i < _flipped.Length; i++)
            {
                _cleanTiles[i].Restore();
                _flipped[i].Restore();
            }
        }
    }

    // The map without its flips (and PEs, which a crossbar map has none of), for Inject.
    private static FaultMap StuckCellsOf(FaultMap faults) => new(
        faults.Mapping,
        faults.Seed,
        faults.Rates,
        [.. faults.Layers.Select(layer => new LayerFaults(layer.Layer, layer.Cells, []))],
        []);
}
