namespace MapDsl.Runtime.Quantization;

/// <summary>
/// A weight tensor as the memory holds it: one m-bit pattern per weight, plus the scale that turns a pattern back
/// into a weight. Bit errors act on <see cref="Codes"/> (see <see cref="BitFlips"/>); decoding afterwards gives the
/// weights the faulty memory feeds to the network.
/// </summary>
/// <remarks>
/// A code decodes to <c>Offset + value(code) * Scale</c>, where value(code) is the code itself for
/// <see cref="QuantizationScheme.Robust"/> and its m-bit two's complement reading for
/// <see cref="QuantizationScheme.Symmetric"/>. Decoding does not clamp: a flipped symmetric code may read as
/// -2^(m-1), one step beyond -w_max, exactly as the hardware would.
/// </remarks>
public sealed class QuantizedTensor
{
    // Scale is kept as a fraction and divided at decode time, because SymmetricQuantizer.Quantize computes
    // code * w_max / L; multiplying by a pre-divided w_max / L can differ in the last bit.
    private readonly double _range;
    private readonly double _steps;

    internal QuantizedTensor(ushort[] codes, int bits, QuantizationScheme scheme, double range, double steps, double offset)
    {
        Codes = codes;
        Bits = bits;
        Scheme = scheme;
        _range = range;
        _steps = steps;
        Offset = offset;
    }

    /// <summary>
    /// The stored m-bit patterns, one per weight, in the order of the quantized weights. Only the low
    /// <see cref="Bits"/> bits are used. Writable so that faults can be applied; <see cref="BitFlips"/> does it
    /// with validation.
    /// </summary>
    public ushort[] Codes { get; }

    /// <summary>Word width m in bits.</summary>
    public int Bits { get; }

    /// <summary>How the codes were produced and how they are read.</summary>
    public QuantizationScheme Scheme { get; }

    /// <summary>Weight difference between neighbouring codes (0 for a robust tensor whose weights are all equal).</summary>
    public double Scale => _steps == 0 ? 0 : _range / _steps;

    /// <summary>The weight of code 0: the clipped tensor's minimum for robust tensors, 0 for symmetric ones.</summary>
    public double Offset { get; }

    /// <summary>Number of weights.</summary>
    public int Length => Codes.Length;

    /// <summary>
    /// The largest |w| a fault-free code holds: w_max of a symmetric tensor, max(|min|, |max|) of a robust one.
    /// Mappings scale conductances by it, so that every fault-free code has a conductance inside [G_off, G_on].
    /// </summary>
    public double MaxMagnitude => Scheme == QuantizationScheme.Symmetric
        ? _range
        : Math.Max(Math.Abs(Offset), Math.Abs(Offset + _range));

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

    private float DecodeCode(ushort code)
    {
        if (_steps == 0)
        {
            return (float)Offset;
        }

        return (float)(Offset + StepsOf(code) * _range / _steps);
    }

    private int StepsOf(ushort code)
    {
        int mask = (1 << Bits) - 1;
        int value = code & mask;
        if (Scheme == QuantizationScheme.Symmetric && value >= 1 << (Bits - 1))
        {
            value -= 1 << Bits;
        }

        return value;
    }

    private void CheckDestination(Span<float> weights)
    {
        if (weights.Length != Codes.Length)
        {
            throw new ArgumentException($"Destination holds {weights.Length} weights, the tensor {Codes.Length}.", nameof(weights));
        }
    }
}
