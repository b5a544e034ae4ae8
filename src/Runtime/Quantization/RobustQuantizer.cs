namespace MapDsl.Runtime.Quantization;

/// <summary>
/// Per-tensor asymmetric quantization into unsigned m-bit codes, the "robust" quantization (RQuant) of Stutz et
/// al., "Bit Error Robustness for Energy-Efficient DNN Accelerators" (MLSys 2021): clip the weights to
/// [-clip, clip], map [min, max] of the clipped tensor onto codes 0 .. 2^m - 1 with rounding (not truncation),
/// and decode as <c>min + code * (max - min) / (2^m - 1)</c>.
/// </summary>
/// <remarks>
/// Why it resists bit errors better than the symmetric signed grid: a flip of bit b moves a weight by 2^b steps
/// in both, but here a step is the tensor's actual range / (2^m - 1) rather than 2 max|w| / (2^m - 2), so the same
/// flip does less harm whenever the range is lopsided or clipped.
/// </remarks>
public static class RobustQuantizer
{
    /// <summary>Quantizes <paramref name="weights"/> into unsigned codes.</summary>
    /// <param name="weights">Weights to quantize, all finite; not changed.</param>
    /// <param name="bits">Word width m in [1, 16].</param>
    /// <param name="clip">
    /// Clipping bound w_max (weights are first limited to [-clip, clip]); must be finite and &gt; 0. Null clips
    /// nothing: the range is the tensor's own [min, max].
    /// </param>
    /// <returns>
    /// The codes, with <see cref="QuantizedTensor.Offset"/> = min and <see cref="QuantizedTensor.Scale"/> =
    /// (max - min) / (2^m - 1). A tensor whose clipped weights are all equal gets every code 0, Offset = that
    /// value and Scale = 0, so it decodes to itself whatever its codes become.
    /// </returns>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> weights, int bits, double? clip = null)
    {
        if (bits < 1 || bits > SymmetricQuantizer.MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"bits must be in [1, {SymmetricQuantizer.MaxBits}], got {bits}.");
        }

        if (clip is double bound && !(bound > 0 && double.IsFinite(bound)))
        {
            throw new ArgumentOutOfRangeException(nameof(clip), bound, "clip must be finite and > 0, or null for no clipping.");
        }

        double limit = clip ?? double.PositiveInfinity;
        (double min, double max) = ClippedRange(weights, limit);
        double steps = (1 << bits) - 1;
        double range = max - min;
        var codes = new ushort[weights.Length];
        if (range > 0)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                double position = (Math.Clamp(weights[i], -limit, limit) - min) / range * steps;
                codes[i] = (ushort)Math.Round(position, MidpointRounding.AwayFromZero);
            }
        }

        return new QuantizedTensor(codes, bits, QuantizationScheme.Robust, range: range > 0 ? range : 0, steps: range > 0 ? steps : 0, offset: min);
    }

    private static (double Min, double Max) ClippedRange(ReadOnlySpan<float> weights, double limit)
    {
        if (weights.IsEmpty)
        {
            return (0, 0);
        }

        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!float.IsFinite(weights[i]))
            {
                throw new ArgumentException($"Weight {i} is {weights[i]}; robust quantization needs finite weights.", nameof(weights));
            }

            double w = Math.Clamp(weights[i], -limit, limit);
            min = Math.Min(min, w);
            max = Math.Max(max, w);
        }

        return (min, max);
    }
}
