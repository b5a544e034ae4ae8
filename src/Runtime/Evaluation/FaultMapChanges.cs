using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// The weights a chip's fault map changes, for every fault kind the mapping can have, in O(faults): the same
/// (weight, value) pairs, bit for bit, as programming a fresh chip, injecting the map with the generated
/// <c>Inject</c> and comparing its <c>ReadBack</c> with the clean read-back, without touching the weights the faults
/// leave alone. Stuck cells are read from the programmed tiles (<see cref="FaultedWeights"/>), bypassed PEs from the
/// PE list (<see cref="BypassedWeights"/>), and flipped code bits by decoding only the flipped codes from the chip's
/// stored codes (<see cref="IQuantizedChip"/>) and writing them into their own cells.
/// </summary>
/// <remarks>
/// One instance borrows one programmed, fault-free chip: <see cref="Collect"/> injects the map's stuck cells and
/// writes the flipped weights' cells, then restores exactly those cells, so the chip is clean again between calls.
/// Give each worker thread its own chip and instance.
/// </remarks>
public abstract class FaultMapChanges
{
    private readonly IMapping _mapping;

    private protected FaultMapChanges(IChip chip, IReadOnlyList<float[]> cleanWeights)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(cleanWeights);
        _mapping = chip.Mapping;
        var layers = _mapping.Layers;
        if (cleanWeights.Count != layers.Count)
        {
            throw new ArgumentException($"Mapping '{_mapping.Name}' has {layers.Count} weighted layers, got clean weights of {cleanWeights.Count}.", nameof(cleanWeights));
        }

        for (int i = 0; i < layers.Count; i++)
        {
            long weights = (long)layers[i].Plan.MatrixRows * layers[i].Plan.MatrixColumns;
            if (cleanWeights[i] is null || cleanWeights[i].Length != weights)
            {
                throw new ArgumentException($"Layer '{layers[i].Layer}' has {weights} weights, but its clean read-back holds {cleanWeights[i]?.Length ?? 0}.", nameof(cleanWeights));
            }
        }

        Clean = [.. cleanWeights];
        Codes = chip is IQuantizedChip quantized ? [.. quantized.StoredCodes] : new QuantizedTensor?[layers.Count];
        BiasCodes = chip is IQuantizedChip withBiases ? [.. withBiases.StoredBiasCodes] : new QuantizedTensor?[layers.Count];
    }

    /// <summary>The clean read-back per layer, the baseline changes are relative to.</summary>
    private protected float[][] Clean { get; }

    /// <summary>The chip's fault-free stored codes per layer; null entries when the mapping does not quantize.</summary>
    private protected QuantizedTensor?[] Codes { get; }

    // Per layer the stored bias codes when the mapping quantizes biases, else null.
    private protected QuantizedTensor?[] BiasCodes { get; }

    /// <summary>
    /// How many of a layer's flips hit weight codes: flips are sorted by code index and the weights' codes come first,
    /// so the flips of bias codes (index WeightCount + b) are the tail after them.
    /// </summary>
    private protected static int WeightFlipCount(ReadOnlySpan<BitFlipAt> flips, int weightCount)
    {
        int split = flips.Length;
        while (split > 0 && flips[split - 1].Weight >= weightCount)
        {
            split--;
        }

        return split;
    }

    /// <summary>
    /// The biases the flipped bias codes decode to, as changes at parameter index <c>weightCount + b</c> (the evaluator's
    /// convention: a layer's biases follow its weights); a flip that decodes to the clean value changes nothing.
    /// </summary>
    private protected void AddFlippedBiases(int layer, ReadOnlySpan<BitFlipAt> flips, int weightCount, WeightChanges changes)
    {
        var codes = BiasCodes[layer];
        foreach (var (code, mask) in new FlipMasks(flips))
        {
            int bias = code - weightCount;
            float value = codes!.DecodeFlipped(bias, mask);
            if (BitConverter.SingleToInt32Bits(value) != BitConverter.SingleToInt32Bits(codes.Decode(bias)))
            {
                changes.Add(code, value);
            }
        }
    }

    /// <summary>The view for <paramref name="chip"/>.</summary>
    /// <param name="chip">A chip just programmed by its mapping's <c>Map</c>, with no faults injected.</param>
    /// <param name="cleanWeights">Per weighted layer, in mapping order, the chip's read-back (PyTorch layout).</param>
    /// <returns>The view; it keeps the chip and a capture of its tiles.</returns>
    /// <exception cref="ArgumentException">The clean weights do not fit the mapping, or the chip has faults.</exception>
    public static FaultMapChanges For(IChip chip, IReadOnlyList<float[]> cleanWeights)
    {
        ArgumentNullException.ThrowIfNull(chip);
        return chip switch
        {
            ICrossbarChip crossbar => new CrossbarMapChanges(crossbar, [.. crossbar.MappedLayers.Select(CleanTiles.Capture)], cleanWeights),
            ISystolicChip systolic => new SystolicMapChanges(systolic, cleanWeights),
            _ => throw new ArgumentException($"Chip of mapping '{chip.Mapping.Name}' is neither a crossbar nor a systolic chip.", nameof(chip)),
        };
    }

    /// <summary>
    /// Replaces the content of <paramref name="changes"/> (one per layer, in mapping order) with the weights
    /// <paramref name="faults"/> change and their faulty values; each weight at most once.
    /// </summary>
    /// <param name="faults">A fault map of the chip's mapping.</param>
    /// <param name="changes">Receives each layer's changes; cleared first.</param>
    /// <exception cref="ArgumentException">The map does not fit the mapping, or there is not one change set per layer.</exception>
    public void Collect(FaultMap faults, IReadOnlyList<WeightChanges> changes)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(changes);
        if (!faults.Matches(_mapping.Shape, out var problem))
        {
            throw new ArgumentException($"The fault map does not fit mapping {_mapping.Name}: {problem}", nameof(faults));
        }

        if (changes.Count != Clean.Length)
        {
            throw new ArgumentException($"Mapping '{_mapping.Name}' has {Clean.Length} weighted layers, got {changes.Count} change sets.", nameof(changes));
        }

        for (int i = 0; i < Clean.Length; i++)
        {
            if (faults.Layers[i].BitFlips.Count > 0 && Codes[i] is null)
            {
                throw new InvalidOperationException($"Layer '{faults.Layers[i].Layer}' of the chip has no stored codes: map the chip before collecting bit flips.");
            }
        }

        CollectFitting(faults, changes);
    }

    /// <summary>The changes of a map that fits the mapping and the layers.</summary>
    private protected abstract void CollectFitting(FaultMap faults, IReadOnlyList<WeightChanges> changes);
}
