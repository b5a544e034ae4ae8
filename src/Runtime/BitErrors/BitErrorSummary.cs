namespace MapDsl.Runtime.BitErrors;

/// <summary>The patterns of one bit error rate, summed up as the paper reports them.</summary>
/// <param name="Rate">The bit error rate p.</param>
/// <param name="Patterns">Patterns evaluated.</param>
/// <param name="RobustErrorMean">Mean RErr over the patterns.</param>
/// <param name="RobustErrorStd">Standard deviation of RErr over the patterns (population, as numpy's default).</param>
/// <param name="PerturbedErrorMean">Mean plain test error under the errors.</param>
public sealed record BitErrorSummary(double Rate, int Patterns, double RobustErrorMean, double RobustErrorStd, double PerturbedErrorMean)
{
    /// <summary>One summary per rate, in the order the rates first appear in <paramref name="scores"/>.</summary>
    /// <param name="scores">Scores of any number of rates and patterns.</param>
    public static IReadOnlyList<BitErrorSummary> Of(IEnumerable<BitErrorScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return [.. scores.GroupBy(s => s.Rate).Select(rate =>
        {
            double[] robust = [.. rate.Select(s => s.RobustError)];
            double mean = robust.Average();
            double variance = robust.Sum(r => (r - mean) * (r - mean)) / robust.Length;
            return new BitErrorSummary(rate.Key, robust.Length, mean, Math.Sqrt(variance), rate.Average(s => s.PerturbedError));
        })];
    }
}
