namespace MapDsl.Runtime.Campaigns;

/// <summary>The accuracies of one configuration over its chips at one point of a fault sweep.</summary>
/// <param name="Rate">The swept rate (of the curve's <see cref="ConfigurationSummary.Swept"/> kind).</param>
/// <param name="Rates">The fault rates of every kind at this point.</param>
/// <param name="Chips">Number of chips evaluated.</param>
/// <param name="Mean">Mean accuracy over the chips.</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1 in the denominator); 0 for a single chip.</param>
/// <param name="Worst">Lowest accuracy of any chip.</param>
/// <param name="Best">Highest accuracy of any chip.</param>
public sealed record CurvePoint(double Rate, Faults.FaultRates Rates, int Chips, double Mean, double StandardDeviation, double Worst, double Best)
{
    /// <summary>Per-cell stuck-on probability.</summary>
    public double StuckOnRate => Rates.StuckOn;

    /// <summary>Per-cell stuck-off probability.</summary>
    public double StuckOffRate => Rates.StuckOff;

    /// <summary>The statistics of <paramref name="accuracies"/>, summed in the given order (the caller sorts by chip, so results are reproducible).</summary>
    internal static CurvePoint Of(double rate, Faults.FaultRates rates, IReadOnlyList<double> accuracies)
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
        return new CurvePoint(rate, rates, accuracies.Count, mean, deviation, accuracies.Min(), accuracies.Max());
    }
}
