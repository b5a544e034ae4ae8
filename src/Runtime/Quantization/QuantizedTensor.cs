namespace MapDsl.Runtime.Quantization;

/// <summary>
/// A weight tensor as the memory holds it: one m-bit pattern per weight, plus what turns a pattern back into a
/// weight. Bit errors act on <see cref="Codes"/> (see <see cref="BitFlips"/>); decoding afterwards gives the weights
/// the faulty memory feeds to the network.
/// </summary>
/// <remarks>
/// A pattern is read as q: its m-bit two's complement value (<see cref="CodeEncoding.Signed"/>) or the number minus
/// 2^(m−1) (<see cref="CodeEncoding.Unsigned"/>). A symmetric tensor decodes q to q · R / L and does not clamp: a
/// flipped code may read as −2^(m−1), one step beyond −R, exactly as the hardware would. An asymmetric tensor decodes
/// as the authors' code does: x = q · Δ limited to [−1, 1], then w = (x + 1) / 2 · (hi − lo) + lo limited to
/// [lo, hi]. See <see cref="Quantizer"/> for R, L, Δ, lo and hi.
/// </remarks>
public sealed class QuantizedTensor
{
    // The symmetric weight is computed as q · R / L (not q · (R / L)) so that it equals version 1's quantizer to the bit.
    private readonly double _low;
    private readonly double _high;

    internal QuantizedTensor(ushort[] codes, Quantizer quantizer, double low, double high)
    {
        Codes = codes;
        Quantizer = quantizer;
        _low = low;
        _high = high;
    }

    /// <summary>
    /// The stored m-bit patterns, one per weight, in the order of the quantized weights. Only the low
    /// <see cref="Bits"/> bits are used. Writable so that faults can be applied; <see cref="BitFlips"/> does it
    /// with validation.
    /// </summary>
    public ushort[] Codes { get; }

    /// <summary>How the codes were made and are read.</summary>
    public Quantizer Quantizer { get; }

    /// <summary>Word width m in bits.</summary>
    public int Bits => Quantizer.Bits;

    /// <summary>The lowest weight a fault-free code holds: −R, or the clamped tensor's minimum.</summary>
    public double Low => _low;

    /// <summary>The highest weight a fault-free code holds: R, or the clamped tensor's maximum.</summary>
    public double High => _high;

    /// <summary>
    /// The weight difference between neighbouring q: R / L, or Δ · (hi − lo) / 2 (away from the clamps); 0 for an
    /// empty range.
    /// </summary>
    public double Scale => Quantizer.Range == QuantizationRange.Symmetric
        ? _high / Quantizer.Levels
        : Quantizer.NormalisedStep * (_high - _low) / 2;

    /// <summary>Number of weights.</summary>
    public int Length => Codes.Length;

    /// <summary>
    /// The largest |w| a fault-free code holds: R of a symmetric tensor, max(|lo|, |hi|) of an asymmetric one.
    /// Mappings scale conductances by it, so that every fault-free code has a conductance inside [G_off, G_on].
    /// </summary>
    public double MaxMagnitude => Math.Max(Math.Abs(_low), Math.Abs(_high));

    /// <summary>The weight stored at <paramref name="index"/>.</summary>
    /// <param name="index">Weight index in [0, <see cref="Length"/>).</param>
    public float Decode(int index)
    {
        if ((uint)index >= (uint)Codes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {Codes.Length}), got {index}.");
        }

        return DecodeCode(Codes[index]);
    }

    /// <summary>
    /// The weight code <paramref name="index"/> would hold with the bits of <paramref name="flipped"/> inverted, leaving
    /// <see cref="Codes"/> as they are: what a chip whose memory flips those bits computes with, found for a few
    /// flipped codes without copying or decoding the tensor.
    /// </summary>
    /// <param name="index">Weight index in [0, <see cref="Length"/>).</param>
    /// <param name="flipped">The inverted bits as a mask (bit b for bit b); bits at or above <see cref="Bits"/> are not stored and change nothing.</param>
    public float DecodeFlipped(int index, int flipped)
    {
        if ((uint)index >= (uint)Codes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {Codes.Length}), got {index}.");
        }

        return DecodeCode((ushort)(Codes[index] ^ flipped));
    }

    /// <summary>Decodes every weight.</summary>
    /// <param name="weights">Destination, exactly <see cref="Length"/> long.</param>
    public void DecodeTo(Span<float> weights)
    {
        CheckDestination(weights);
        for (int i = 0; i < Codes.Length; i++)
        {
            weights[i] = DecodeCode(Codes[i]);
        }
    }

    /// <summary>
    /// Decodes only the weights at <paramref name="indices"/>, leaving the rest of <paramref name="weights"/> as it
    /// is; after applying a few faults this refreshes a decoded copy in time proportional to the faults.
    /// </summary>
    /// <param name="indices">Weight indices in [0, <see cref="Length"/>); repeats are harmless.</param>
    /// <param name="weights">The full decoded tensor, exactly <see cref="Length"/> long.</param>
    public void DecodeAt(ReadOnlySpan<int> indices, Span<float> weights)
    {
        CheckDestination(weights);
        foreach (int index in indices)
        {
            if ((uint)index >= (uint)Codes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Index must be in [0, {Codes.Length}), got {index}.");
            }
        }

        foreach (int index in indices)
        {
            weights[index] = DecodeCode(Codes[index]);
        }
    }

    /// <summary>The stored pattern of weight <paramref name="w"/> (see <see cref="Quantizer"/>).</summary>
    internal ushort Encode(float w)
    {
        Quantizer q = Quantizer;
        double position = 0;
        if (_high > _low)
        {
            double clamped = Math.Clamp(w, _low, _high);
            position = q.Range == QuantizationRange.Symmetric
                ? clamped / _high * q.Levels
                : ((clamped - _low) / (_high - _low) * 2 - 1) / q.NormalisedStep;
        }

        if (q.Encoding == CodeEncoding.Signed)
        {
            double limited = Math.Clamp(position, -q.Levels, q.Levels);
            int value = (int)(q.Rounding == CodeRounding.Nearest ? Math.Round(limited, MidpointRounding.AwayFromZero) : Math.Truncate(limited));
            return (ushort)(value & ((1 << q.Bits) - 1));
        }

        int half = 1 << (q.Bits - 1);
        double stored = Math.Clamp(position + half, 0, (1 << q.Bits) - 1);
        return (ushort)(q.Rounding == CodeRounding.Nearest ? Math.Round(stored, MidpointRounding.AwayFromZero) : Math.Floor(stored));
    }

    /// <summary>The weight pattern <paramref name="code"/> holds (bits at or above <see cref="Bits"/> are ignored).</summary>
    internal float DecodeCode(ushort code)
    {
        if (!(_high > _low))
        {
            return (float)_low;
        }

        int q = ValueOf(code);
        if (Quantizer.Range == QuantizationRange.Symmetric)
        {
            return (float)(q * _high / Quantizer.Levels);
        }

        double x = Math.Clamp(q * Quantizer.NormalisedStep, -1, 1);
        return (float)Math.Clamp((x + 1) / 2 * (_high - _low) + _low, _low, _high);
    }

    // q of a pattern: its two's complement value, or the unsigned number minus 2^(m−1).
    private int ValueOf(ushort code)
    {
        int bits = Quantizer.Bits;
        int value = code & ((1 << bits) - 1);
        if (Quantizer.Encoding == CodeEncoding.Unsigned)
        {
            return value - (1 << (bits - 1));
        }

        return value >= 1 << (bits - 1) ? value - (1 << bits) : value;
    }

    private void CheckDestination(Span<float> weights)
    {
        if (weights.Length != Codes.Length)
        {
            throw new ArgumentException($"Destination holds {weights.Length} weights, the tensor {Codes.Length}.", nameof(weights));
        }
    }
}
