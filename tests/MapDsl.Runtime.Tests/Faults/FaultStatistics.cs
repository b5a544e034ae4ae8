using MathNet.Numerics.Distributions;

namespace MapDsl.Runtime.Tests.Faults;

/// <summary>Statistical checks shared by the fault tests. Seeds are fixed, so each check is deterministic.</summary>
internal static class FaultStatistics
{
    /// <summary>Mean within 4 standard errors of n p, variance within 40% of n p q (loose: the variance estimate is noisy).</summary>
    public static void ShouldBeBinomial(IReadOnlyList<int> counts, long n, double p, string what)
    {
        double mean = counts.Average();
        double variance = counts.Sum(c => (c - mean) * (c - mean)) / (counts.Count - 1);
        double expectedMean = n * p;
        double expectedVariance = n * p * (1 - p);
        double standardError = Math.Sqrt(expectedVariance / counts.Count);
        Math.Abs(mean - expectedMean).ShouldBeLessThanOrEqualTo(4 * standardError, $"{what}: mean {mean} vs n p = {expectedMean}");
        if (expectedVariance > 0)
        {
            (variance / expectedVariance).ShouldBeInRange(0.6, 1.4, $"{what}: variance {variance} vs n p q = {expectedVariance}");
        }
    }

    /// <summary>Chi-square goodness of fit of observed bin counts to expected ones; the p-value must exceed 1e-4.</summary>
    public static void ShouldFit(IReadOnlyList<long> observed, IReadOnlyList<double> expected, string what)
    {
        double statistic = 0;
        for (int i = 0; i < observed.Count; i++)
        {
            statistic += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
        }

        double pValue = 1 - ChiSquared.CDF(observed.Count - 1, statistic);
        pValue.ShouldBeGreaterThan(1e-4, $"{what}: chi-square {statistic} with {observed.Count - 1} degrees of freedom");
    }

    /// <summary>Chi-square test that the bins are equally likely.</summary>
    public static void ShouldBeUniform(IReadOnlyList<long> observed, string what)
    {
        double each = observed.Sum() / (double)observed.Count;
        each.ShouldBeGreaterThan(5, $"{what}: too few samples per bin for a chi-square test");
        ShouldFit(observed, Enumerable.Repeat(each, observed.Count).ToArray(), what);
    }
}
