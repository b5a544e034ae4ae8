namespace MapDsl.Runtime.BitErrors;

/// <summary>
/// When random bit error training injects errors, after the authors' <c>average_simple_curriculum</c>
/// (davidstutz/random-bit-error-robustness, experiments/mlsys/common.py): errors are injected in the next step only
/// while the clean loss is below 1.15 · <see cref="Threshold"/> and the mean of the clean and the perturbed loss is at
/// most <see cref="Threshold"/>. A step that injected nothing counts its perturbed loss as 0, so training switches
/// injection back on once the clean loss alone is low enough; it starts with injection off.
/// </summary>
/// <param name="Threshold">The loss threshold; the authors use 1.75.</param>
public sealed record RandBetCurriculum(double Threshold = 1.75)
{
    /// <summary>The factor on <see cref="Threshold"/> that bounds the clean loss.</summary>
    public const double CleanFactor = 1.15;

    /// <summary>The authors' curriculum.</summary>
    public static RandBetCurriculum Default { get; } = new();

    /// <summary>Whether the next step injects bit errors, given this step's losses.</summary>
    /// <param name="cleanLoss">This step's loss of the quantized network without errors.</param>
    /// <param name="perturbedLoss">This step's loss under its bit errors, or 0 when it injected none.</param>
    public bool InjectsNext(double cleanLoss, double perturbedLoss) =>
        cleanLoss < Threshold * CleanFactor && (cleanLoss + perturbedLoss) / 2 <= Threshold;
}
