namespace MapDsl.Runtime.Campaigns;

/// <summary>The accuracies of one configuration over its chips at one pair of fault rates.</summary>
/// <param name="StuckOnRate">Per-cell stuck-on probability.</param>
/// <param name="StuckOffRate">Per-cell stuck-off probability.</param>
/// <param name="Chips">Number of chips evaluated.</param>
/// <param name="Mean">Mean accuracy over the chips.</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1 in the denominator); 0 for a single chip.</param>
/// <param name="Worst">Lowest accuracy of any chip.</param>
/// <param name="Best">Highest accuracy of any chip.</param>
public sealed record CurvePoint(double StuckOnRate, double StuckOffRate, int Chips, double Mean, double StandardDeviation, double Worst, double Best)
{
    /// <summary>The statistics of <paramref name="accuracies"/>, summed in the given order (the caller sorts by chip, so results are reproducible).</summary>
    internal static CurvePoint Of(double stuckOnRate, double stuckOffRate, IReadOnlyList<double> accuracies)
    {
        double sum = 0;
        foreach (double accuracy in accuracies)
        {
            sum += accuracy;
        }

        double mean = sum / accuracies.Count;
        double squares = 0;
        foreach (double accuracy in accuracies)
        {
            squares += (accuracy - mean) * (accuracy - mean);
        }

        double deviation = accuracies.Count > 1 ? Math.Sqrt(squares / (accuracies.Count - 1)) : 0;
        return new CurvePoint(stuckOnRate, stuckOffRate, accuracies.Count, mean, deviation, accuracies.Min(), accuracies.Max());
    }
}
