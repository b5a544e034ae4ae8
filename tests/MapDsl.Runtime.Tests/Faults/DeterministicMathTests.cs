using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class DeterministicMathTests
{
    // A few ulps; Math.Log and Math.Exp are themselves within about one ulp of the true value.
    private const double Tolerance = 1e-15;

    private static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    [Fact]
    public void Log_matches_Math_Log_over_the_whole_double_range()
    {
        var random = new Random(1);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Random bit patterns of positive finite doubles cover every exponent, subnormals included.
            double x = BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FF0000000000000L));
            worst = Math.Max(worst, RelativeError(DeterministicMath.Log(x), Math.Log(x)));
        }

        worst.ShouldBeLessThan(Tolerance);
    }

    [Fact]
    public void Log_is_accurate_near_1_where_the_result_is_small()
    {
        var random = new Random(2);
        double worst = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double x = 1 + (random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(1, 16));
            if (x != 1)
            {
                worst = Math.Max(worst, RelativeError(DeterministicMath.Log(x), Math.Log(x)));
            }
        }

        worst.ShouldBeLessThan(Tolerance);
    }

    [Fact]
    public void Log1p_is_accurate_for_tiny_and_moderate_arguments()
    {
        var random = new Random(3);
        double worst = 0;
        for (int i = 0; i < 100_000; i++)
        {
            // Multiples of 2^-30 in (-1, 4): 1 + x is exact, so Math.Log(1 + x) is a fair reference.
            double x = random.Next(-(1 << 30) + 1, 4 << 30) / (double)(1 << 30);
            if (x != 0)
            {
                worst = Math.Max(worst, RelativeError(DeterministicMath.Log1p(x), Math.Log(1 + x)));
            }

            // Below 1e-9, ln(1 + x) = x - x^2/2 + x^3/3 to well under an ulp.
            double tiny = (random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(9, 300));
            if (tiny != 0)
            {
                double series = tiny - tiny * tiny / 2 + tiny * tiny * tiny / 3;
                worst = Math.Max(worst, RelativeError(DeterministicMath.Log1p(tiny), series));
            }
        }

        worst.ShouldBeLessThan(Tolerance);
    }

    [Fact]
    public void Exp_matches_Math_Exp_wherever_the_result_is_a_normal_double()
    {
        var random = new Random(4);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = i % 2 == 0
                ? -708 + random.NextDouble() * (709.78 + 708)
                : (random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(0, 20));
            worst = Math.Max(worst, RelativeError(DeterministicMath.Exp(x), Math.Exp(x)));
        }

        worst.ShouldBeLessThan(Tolerance);
    }

    [Fact]
    public void Exp_rounds_subnormal_results_to_within_an_ulp_and_saturates_at_the_ends()
    {
        var random = new Random(5);
        for (int i = 0; i < 10_000; i++)
        {
            double x = -745 + random.NextDouble() * 37;
            Math.Abs(DeterministicMath.Exp(x) - Math.Exp(x)).ShouldBeLessThanOrEqualTo(2 * double.Epsilon);
        }

        DeterministicMath.Exp(709.78).ShouldBe(Math.Exp(709.78), Math.Exp(709.78) * Tolerance);
        DeterministicMath.Exp(710).ShouldBe(double.PositiveInfinity);
        DeterministicMath.Exp(-746).ShouldBe(0);
        DeterministicMath.Exp(0).ShouldBe(1);
        DeterministicMath.Exp(double.NegativeInfinity).ShouldBe(0);
        DeterministicMath.Exp(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
        double.IsNaN(DeterministicMath.Exp(double.NaN)).ShouldBeTrue();
    }

    [Fact]
    public void Special_values_of_log_follow_IEEE_conventions()
    {
        DeterministicMath.Log(1).ShouldBe(0);
        DeterministicMath.Log(0).ShouldBe(double.NegativeInfinity);
        DeterministicMath.Log(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
        double.IsNaN(DeterministicMath.Log(-1)).ShouldBeTrue();
        double.IsNaN(DeterministicMath.Log(double.NaN)).ShouldBeTrue();
        DeterministicMath.Log1p(0).ShouldBe(0);
        DeterministicMath.Log1p(-1).ShouldBe(double.NegativeInfinity);
        double.IsNaN(DeterministicMath.Log1p(-1.5)).ShouldBeTrue();
        DeterministicMath.Log(2).ShouldBe(0.6931471805599453);
        DeterministicMath.Log(double.Epsilon).ShouldBe(Math.Log(double.Epsilon), 745 * Tolerance);
    }
}
