using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Quantization;

/// <summary>
/// Bit errors in stored weight codes: each <see cref="BitFlipAt"/> inverts one bit of one code, as a faulty memory
/// cell would. After applying them, <see cref="QuantizedTensor.DecodeTo"/> or <see cref="QuantizedTensor.DecodeAt"/>
/// gives the weights the network sees.
/// </summary>
public static class BitFlips
{
    /// <summary>
    /// Inverts bit <see cref="BitFlipAt.Bit"/> of code <see cref="BitFlipAt.Weight"/> for every flip, in order (so a
    /// flip listed twice cancels). The whole list is checked first: one bad entry throws before any code changes.
    /// </summary>
    /// <param name="tensor">Codes to change in place.</param>
    /// <param name="flips">Flips; Weight in [0, tensor length), Bit in [0, tensor bits).</param>
    public static void Apply(QuantizedTensor tensor, IEnumerable<BitFlipAt> flips)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(flips);

        // Materialised so that the checks and the changes see the same flips, even for a lazy or one-shot sequence.
        BitFlipAt[] all = flips.ToArray();
        for (int i = 0; i < all.Length; i++)
        {
            Check(tensor, all[i], i);
        }

        ushort[] codes = tensor.Codes;
        foreach (BitFlipAt flip in all)
        {
            codes[flip.Weight] = Flip(codes[flip.Weight], flip.Bit);
        }
    }

    /// <summary>
    /// Applies a layer's flips to its stored codes: code indices below the weight count hit <paramref name="weights"/>,
    /// index <c>weights.Length + b</c> hits bias code b of <paramref name="biases"/> (a mapping that stores bias codes
    /// after its weight codes). Checked like <see cref="Apply"/>: one bad flip throws before any code changes.
    /// </summary>
    /// <param name="weights">The layer's weight codes, changed in place.</param>
    /// <param name="biases">The layer's bias codes, changed in place, or null when biases are not stored as codes.</param>
    /// <param name="flips">Flips by code index.</param>
    public static void ApplyToLayer(QuantizedTensor weights, QuantizedTensor? biases, IEnumerable<BitFlipAt> flips)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(flips);
        BitFlipAt[] all = flips.ToArray();
        int count = weights.Length;
        if (biases is null)
        {
            Apply(weights, all);
            return;
        }

        var onBiases = all.Where(f => f.Weight >= count).Select(f => new BitFlipAt(f.Weight - count, f.Bit)).ToArray();
        for (int i = 0; i < onBiases.Length; i++)
        {
            Check(biases, onBiases[i], i);
        }

        Apply(weights, all.Where(f => f.Weight < count));
        Apply(biases, onBiases);
    }

    /// <summary>
    /// <paramref name="code"/> with bit <paramref name="bit"/> inverted (bit 0 is the least significant). For an
    /// unsigned code this adds or subtracts 2^bit; for an m-bit two's complement code the top bit m-1 is the sign and
    /// moves the value by 2^(m-1).
    /// </summary>
    /// <param name="code">Stored pattern.</param>
    /// <param name="bit">Bit position in [0, 16).</param>
    public static ushort Flip(ushort code, int bit)
    {
        if ((uint)bit >= 16)
        {
            throw new ArgumentOutOfRangeException(nameof(bit), bit, $"A 16-bit code has bits 0 to 15, got bit {bit}.");
        }

        return (ushort)(code ^ (1 << bit));
    }

    private static void Check(QuantizedTensor tensor, BitFlipAt flip, int position)
    {
        if ((uint)flip.Weight >= (uint)tensor.Length)
        {
            throw new ArgumentOutOfRangeException(
                "flips",
                $"Flip {position} targets weight {flip.Weight}, but the tensor has {tensor.Length} weights (0 to {tensor.Length - 1}); no flip was applied.");
        }

        if ((uint)flip.Bit >= (uint)tensor.Bits)
        {
            throw new ArgumentOutOfRangeException(
                "flips",
                $"Flip {position} targets bit {flip.Bit} of weight {flip.Weight}, but codes have {tensor.Bits} bits (0 to {tensor.Bits - 1}); no flip was applied.");
        }
    }
}
