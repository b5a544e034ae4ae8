using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.BitErrors;

/// <summary>
/// One training method of the bit-error robustness paper (Stutz et al., MLSys 2021), as
/// <see cref="QuantizedTraining"/> runs it. Every method trains quantization-aware: each step's forward and backward
/// pass use the weights <see cref="Quantizer"/> stores, and the gradient updates the float weights (straight-through).
/// </summary>
/// <param name="Quantizer">The quantization of the forward pass: the mapping's own, so that training sees what the chip stores.</param>
/// <param name="WeightClip">
/// Weight clipping: before every step, every weight and bias is limited to [−w_max, w_max] (the authors' box
/// projection); null trains without clipping.
/// </param>
/// <param name="ErrorRate">
/// RandBET's p_train: each injecting step adds the gradient under a fresh random bit error pattern of this rate; 0
/// injects nothing (plain quantization-aware training, with clipping if set).
/// </param>
/// <param name="GradientClip">Each element of the perturbed gradient is limited to ±this before averaging (the authors: 0.05).</param>
/// <param name="Curriculum">When to inject; null injects in every step.</param>
public sealed record BitErrorTrainingSettings(
    Quantizer Quantizer, double? WeightClip = null, double ErrorRate = 0, float GradientClip = 0.05f, RandBetCurriculum? Curriculum = null)
{
    /// <summary>Checks the numbers.</summary>
    /// <exception cref="ArgumentException">A number is out of range.</exception>
    public void Check()
    {
        ArgumentNullException.ThrowIfNull(Quantizer);
        if (WeightClip is double clip && !(clip > 0 && double.IsFinite(clip)))
        {
            throw new ArgumentException($"The weight clip w_max must be finite and > 0, got {clip}.", nameof(WeightClip));
        }

        if (!(ErrorRate >= 0 && ErrorRate <= 1))
        {
            throw new ArgumentException($"The training bit error rate must be a fraction in [0, 1], got {ErrorRate}.", nameof(ErrorRate));
        }

        if (!(GradientClip > 0 && float.IsFinite(GradientClip)))
        {
            throw new ArgumentException($"The perturbed-gradient clip must be finite and > 0, got {GradientClip}.", nameof(GradientClip));
        }
    }
}
