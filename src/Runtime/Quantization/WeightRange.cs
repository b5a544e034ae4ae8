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
        float max = 0f;
        for (int i = 0; i < weights.Length; i++)
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
}
