namespace MapDsl.Runtime.Quantization;

/// <summary>Measures the range of a weight array, which sets every scheme's and quantizer's scale.</summary>
public static class WeightRange
{
    /// <summary>
    /// The largest |w| (0 for an empty array). A non-finite weight throws, because a scale derived from it would
    /// silently map every other weight to zero.
    /// </summary>
    /// <param name="weights">Weights to scan.</param>
    public static double MaxAbs(ReadOnlySpan<float> weights)
    {
        // Vectors first (MagnitudeBits): the largest |w| of whole vectors, and whether any of them is not finite.
        // A non-finite weight sends the scan back to the start, where the scalar loop finds the first one and names it.
        int largest = MagnitudeBits.LargestOfVectors(weights, out int i);
        float max = BitConverter.Int32BitsToSingle(largest);
        if (largest >= MagnitudeBits.NonFinite)
        {
            (max, i) = (0f, 0);
        }

        for (; i < weights.Length; i++)
        {
            float magnitude = MathF.Abs(weights[i]);
            if (!(magnitude <= max))
            {
                if (!float.IsFinite(magnitude))
                {
                    throw new ArgumentException($"Weight {i} is {weights[i]}; a weight range needs finite weights.", nameof(weights));
                }

                max = magnitude;
            }
        }

        return max;
    }

    /// <summary>
    /// Throws unless every weight of <paramref name="layer"/> is finite. Generated <c>Map</c> calls it for every layer before it prunes or programs any:
    /// pruning may otherwise drop a NaN silently (it never ranks among the largest) while an infinity survives to
    /// fail later, and a clipped quantizer would clamp either. Checked first, both get one error naming the weight.
    /// </summary>
    /// <param name="weights">The layer's weights, in PyTorch layout.</param>
    /// <param name="layer">The layer's name in the .xmap file, for the message.</param>
    /// <exception cref="ArgumentException">A weight is NaN or infinite.</exception>
    public static void RequireFinite(ReadOnlySpan<float> weights, string layer)
    {
        // Whole vectors first (Map checks every layer before programming any, so this runs on every weight); only a
        // non-finite weight among them sends the scalar loop looking from the start for the first one, to name it.
        int start = MagnitudeBits.LargestOfVectors(weights, out int scanned) >= MagnitudeBits.NonFinite ? 0 : scanned;

        for (int i = start; i < weights.Length; i++)
        {
            if (!float.IsFinite(weights[i]))
            {
                throw new ArgumentException(
                    $"Weight {i} of layer '{layer}' is {weights[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}: "
                    + "a layer can only be mapped with finite weights (NaN and infinities usually come from a diverged training run or a damaged weight file).",
                    nameof(weights));
            }
        }
    }

    /// <summary>
    /// <see cref="RequireFinite"/> and <see cref="MaxAbs"/> in one pass: the largest |w| of <paramref name="layer"/>,
    /// or the same error as <see cref="RequireFinite"/>. Generated <c>Map</c> checks a layer it programs as given (no
    /// pruning or quantization) with it, so the weights are read once, not once to check and once for w_max.
    /// </summary>
    /// <param name="weights">The layer's weights, in PyTorch layout.</param>
    /// <param name="layer">The layer's name in the .xmap file, for the message.</param>
    /// <exception cref="ArgumentException">A weight is NaN or infinite.</exception>
    public static double RequireFiniteMaxAbs(ReadOnlySpan<float> weights, string layer)
    {
        int largest = MagnitudeBits.LargestOfVectors(weights, out int scanned);
        for (int i = scanned; i < weights.Length; i++)
        {
            largest = Math.Max(largest, BitConverter.SingleToInt32Bits(weights[i]) & int.MaxValue);
        }

        if (largest >= MagnitudeBits.NonFinite)
        {
            RequireFinite(weights, layer);
            throw new System.Diagnostics.UnreachableException("A magnitude at or above infinity's bits is not finite, so RequireFinite throws.");
        }

        return BitConverter.Int32BitsToSingle(largest);
    }
}
