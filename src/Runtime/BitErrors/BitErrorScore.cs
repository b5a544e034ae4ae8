namespace MapDsl.Runtime.BitErrors;

/// <summary>One bit error pattern's result on the test set.</summary>
/// <param name="Rate">The bit error rate p (a fraction).</param>
/// <param name="Pattern">The pattern (its chip seed, 1, 2, ...): patterns of one number are nested across rates.</param>
/// <param name="Correct">Test images the network with these bit errors classifies correctly.</param>
/// <param name="CorrectBoth">Test images both the error-free and the erroneous network classify correctly.</param>
/// <param name="Images">Test images.</param>
public sealed record BitErrorScore(double Rate, int Pattern, int Correct, int CorrectBoth, int Images)
{
    /// <summary>The test error under the errors: 1 − Correct / Images.</summary>
    public double PerturbedError => 1 - (double)Correct / Images;

    /// <summary>The authors' robust error (RErr): an image counts as wrong when the clean or the perturbed prediction is wrong.</summary>
    public double RobustError => 1 - (double)CorrectBoth / Images;
}
