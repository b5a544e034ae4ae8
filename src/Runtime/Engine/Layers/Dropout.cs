using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Inverted dropout, as PyTorch's <c>nn.Dropout</c> in training mode: each value is zeroed with probability
/// <c>rate</c> and the survivors are scaled by 1/(1 − rate), so inference is the identity.
/// </summary>
/// <remarks>
/// Whether value i of call k is dropped is a pure function of (seed, k, i) (SplitMix64 of their mix), so training is
/// reproducible bit for bit and independent of threads.
/// </remarks>
public static class Dropout
{
    /// <summary>Drops and scales; records the kept values (1) and dropped ones (0) in <paramref name="kept"/>.</summary>
    /// <param name="input">Any shape.</param>
    /// <param name="output">Same length.</param>
    /// <param name="kept">Same length, overwritten with 1 (kept) or 0 (dropped).</param>
    /// <param name="rate">Probability of dropping, 0 ≤ rate &lt; 1.</param>
    /// <param name="stream">Identifies this call (the seed and a call counter mixed): the same stream drops the same values.</param>
    public static void ForwardTraining(ReadOnlySpan<float> input, Span<float> output, Span<int> kept, float rate, ulong stream)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A dropout rate must be at least 0 and below 1.");
        }

        SpanLength.Require(output.Length, input.Length, nameof(output));
        SpanLength.Require(kept.Length, input.Length, nameof(kept));
        // keep when the top 53 bits, as a fraction of 1, are at least the rate
        var threshold = (ulong)(rate * (double)(1UL << 53));
        var scale = 1f / (1f - rate);
        for (var i = 0; i < input.Length; i++)
        {
            var keep = (SplitMix64.Mix(stream + ((ulong)i * SplitMix64.Gamma)) >> 11) >= threshold;
            kept[i] = keep ? 1 : 0;
            output[i] = keep ? input[i] * scale : 0f;
        }
    }

    /// <summary>dLoss/dInput = dLoss/dOutput · 1/(1 − rate) where the value was kept, else 0.</summary>
    /// <param name="kept">What <see cref="ForwardTraining"/> recorded.</param>
    /// <param name="outputGradient">dLoss/dOutput.</param>
    /// <param name="inputGradient">dLoss/dInput, overwritten.</param>
    /// <param name="rate">The rate of the forward pass.</param>
    public static void BackwardTraining(ReadOnlySpan<int> kept, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, float rate)
    {
        SpanLength.Require(outputGradient.Length, kept.Length, nameof(outputGradient));
        SpanLength.Require(inputGradient.Length, kept.Length, nameof(inputGradient));
        var scale = 1f / (1f - rate);
        for (var i = 0; i < kept.Length; i++)
        {
            inputGradient[i] = kept[i] != 0 ? outputGradient[i] * scale : 0f;
        }
    }
}
