using MapDsl.Runtime.Faults;
using MathNet.Numerics.Distributions;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class BinomialCountTests
{
    // MathNet's CDF and ours are both rounded; when u falls between them the two may disagree by one count.
    private const double Straddle = 1e-12;

    // MathNet's regularized beta drifts by about 1e-6 at n = 1e9 (checked against a normal approximation), so the
    // largest n is checked against limits instead, in Billion_trials_match_the_normal_and_poisson_limits.
    private static readonly long[] Trials = [1, 2, 7, 50, 1000, 100_000, 10_000_000];

    private static readonly double[] Probabilities = [1e-7, 1e-4, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-7];

    private static readonly double[] EdgeUniforms =
        [Math.Pow(2, -54), 1e-12, 1e-6, 0.01, 0.3, 0.5, 0.5 + Math.Pow(2, -53), 0.7, 0.99, 1 - 1e-9, 1 - Math.Pow(2, -53)];

    // MathNet's CDF is NaN at k = n (a regularized beta with a zero parameter); there it is 1 by definition.
    private static double Cdf(long n, double p, long k) => k >= n ? 1 : Binomial.CDF(p, (int)n, k);

    [Fact]
    public void The_count_is_the_smallest_k_whose_cdf_reaches_u_by_MathNet()
    {
        var random = new Random(6);
        foreach (long n in Trials)
        {
            foreach (double p in Probabilities)
            {
                var uniforms = EdgeUniforms.Concat(Enumerable.Range(0, 12).Select(_ => random.NextDouble()));
                foreach (double u in uniforms)
                {
                    long k = BinomialCount.InverseCdf(n, p, u);
                    k.ShouldBeInRange(0, n);
                    string at = $"n = {n}, p = {p}, u = {u}, k = {k}";
                    Cdf(n, p, k).ShouldBeGreaterThanOrEqualTo(u - Straddle, at);
                    if (k > 0)
                    {
                        Cdf(n, p, k - 1).ShouldBeLessThan(u + Straddle, at);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(1000L, 0.01)]
    [InlineData(100_000L, 0.3)]
    [InlineData(1_000_000_000L, 1e-7)]
    public void Small_u_is_matched_in_relative_terms_in_the_lower_tail(long n, double p)
    {
        foreach (double u in new[] { 1e-15, 1e-10, 1e-6 })
        {
            long k = BinomialCount.InverseCdf(n, p, u);
            string at = $"n = {n}, p = {p}, u = {u}, k = {k}";
            Cdf(n, p, k).ShouldBeGreaterThanOrEqualTo(u * (1 - 1e-9), at);
            if (k > 0)
            {
                Cdf(n, p, k - 1).ShouldBeLessThan(u * (1 + 1e-9), at);
            }
        }
    }

    [Fact]
    public void Billion_trials_match_the_normal_and_poisson_limits()
    {
        const long N = 1_000_000_000;
        double sigma = Math.Sqrt(N * 0.25);
        foreach (double u in new[] { 1e-6, 0.01, 0.3261420262633553, 0.5, 0.9, 1 - 1e-9 })
        {
            // p = 1/2: no skew, so the continuity-corrected normal CDF is within O(1/n) of the binomial one.
            long k = BinomialCount.InverseCdf(N, 0.5, u);
            Normal.CDF(N / 2.0, sigma, k + 0.5).ShouldBeGreaterThanOrEqualTo(u - 1e-8, $"p = 1/2, u = {u}, k = {k}");
            Normal.CDF(N / 2.0, sigma, k - 0.5).ShouldBeLessThan(u + 1e-8, $"p = 1/2, u = {u}, k = {k}");

            // p = 1e-7: Binomial(n, p) is within p = 1e-7 of Poisson(n p) in total variation.
            k = BinomialCount.InverseCdf(N, 1e-7, u);
            Poisson.CDF(100, k).ShouldBeGreaterThanOrEqualTo(u - 2e-7, $"p = 1e-7, u = {u}, k = {k}");
            if (k > 0)
            {
                Poisson.CDF(100, k - 1).ShouldBeLessThan(u + 2e-7, $"p = 1e-7, u = {u}, k = {k}");
            }
        }
    }

    [Fact]
    public void The_count_never_falls_when_p_or_u_rises()
    {
        var random = new Random(7);
        double[] rates = [1e-7, 1e-5, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.95, 0.999, 1];
        foreach (long n in new long[] { 10, 1000, 100_000 })
        {
            for (int trial = 0; trial < 100; trial++)
            {
                double u = random.NextDouble();
                long previous = 0;
                foreach (double p in rates)
                {
                    long k = BinomialCount.InverseCdf(n, p, u);
                    k.ShouldBeGreaterThanOrEqualTo(previous, $"n = {n}, u = {u}, p = {p}");
                    previous = k;
                }
            }

            long last = 0;
            for (double u = 0; u <= 1; u += 1.0 / 4096)
            {
                long k = BinomialCount.InverseCdf(n, 0.3, u);
                k.ShouldBeGreaterThanOrEqualTo(last);
                last = k;
            }
        }
    }

    [Fact]
    public void Edge_cases_follow_the_definition()
    {
        BinomialCount.InverseCdf(0, 0.5, 0.5).ShouldBe(0);
        BinomialCount.InverseCdf(100, 0, 0.999).ShouldBe(0);
        BinomialCount.InverseCdf(100, 1, 1e-300).ShouldBe(100);
        BinomialCount.InverseCdf(100, 0.5, 0).ShouldBe(0);
        BinomialCount.InverseCdf(100, 0.5, 1).ShouldBe(100);
        BinomialCount.InverseCdf(1_000_000_000, 0.5, 0.5).ShouldBe(500_000_000L);
        BinomialCount.InverseCdf(1_000_000_000, 1 - 1e-9, 0.5).ShouldBe(999_999_999L); // n - Poisson(1), whose median is 1
    }

    [Fact]
    public void Invalid_arguments_are_rejected_with_their_value()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BinomialCount.InverseCdf(-1, 0.5, 0.5)).Message.ShouldContain("got -1");
        Should.Throw<ArgumentOutOfRangeException>(() => BinomialCount.InverseCdf(10, 1.5, 0.5)).Message.ShouldContain("got 1.5");
        Should.Throw<ArgumentOutOfRangeException>(() => BinomialCount.InverseCdf(10, double.NaN, 0.5)).ParamName.ShouldBe("p");
        Should.Throw<ArgumentOutOfRangeException>(() => BinomialCount.InverseCdf(10, 0.5, -0.1)).ParamName.ShouldBe("u");
        Should.Throw<ArgumentOutOfRangeException>(() => BinomialCount.InverseCdf(BinomialCount.MaxTrials + 1, 0.5, 0.5)).ParamName.ShouldBe("n");
    }
}
