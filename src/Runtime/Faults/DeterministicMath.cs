namespace MapDsl.Runtime.Faults;

/// <summary>
/// Natural logarithm and exponential built only from IEEE-754 + - * /, comparisons, truncation and bit moves, all of
/// which are correctly rounded (or exact) on every platform .NET runs on. <see cref="Math.Log(double)"/> and
/// <see cref="Math.Exp"/> call the platform's C library, whose last bit differs between operating systems; fault
/// counts come from comparing a uniform with a binomial CDF built from these functions, so one ulp could change a
/// count and break "same seed, same map on any machine". Accuracy: a few ulps (relative error well under 1e-14).
/// </summary>
public static class DeterministicMath
{
    // ln 2 split so that e * Ln2Hi is exact for every binary exponent e: Ln2Hi keeps only 32 significant bits.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.4142135623730951;

    // Beyond these exp overflows to +inf or underflows below the smallest subnormal.
    private const double ExpOverflow = 709.782712893383973096;
    private const double ExpUnderflow = -745.1332191019412076235;

    private const double TwoPow54 = 18014398509481984.0;
    private const double MinNormal = 2.2250738585072014e-308;

    /// <summary>The natural logarithm of <paramref name="x"/>.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>ln x; -inf for 0, NaN for negative or NaN input, +inf for +inf.</returns>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        int exponentBias = 0;
        if (x < MinNormal)
        {
            // Subnormal: scale into the normal range so the exponent field holds the true exponent.
            x *= TwoPow54;
            exponentBias = -54;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF) - 1023 + exponentBias;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);

        // Centre the mantissa on 1 (m in [sqrt(1/2), sqrt(2)]) so the series argument stays small.
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        // m - 1 is exact here (Sterbenz), so no information is lost before the series.
        double logM = Log1pSeries(m - 1);
        return e * Ln2Hi + (e * Ln2Lo + logM);
    }

    /// <summary>ln(1 + <paramref name="x"/>), accurate also when x is so small that 1 + x would round to 1.</summary>
    /// <param name="x">Argument, at least -1.</param>
    /// <returns>ln(1 + x); -inf for -1, NaN below -1 or for NaN.</returns>
    public static double Log1p(double x)
    {
        if (double.IsNaN(x) || x < -1)
        {
            return double.NaN;
        }

        // Inside [sqrt(1/2) - 1, sqrt(2) - 1] the series needs x itself, never the rounded 1 + x.
        if (x >= Sqrt2 / 2 - 1 && x <= Sqrt2 - 1)
        {
            return Log1pSeries(x);
        }

        return Log(1 + x);
    }

    /// <summary>e raised to <paramref name="x"/>.</summary>
    /// <param name="x">Exponent.</param>
    /// <returns>e^x; +inf above about 709.78, 0 below about -745.13, NaN for NaN.</returns>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > ExpOverflow)
        {
            return double.PositiveInfinity;
        }

        if (x < ExpUnderflow)
        {
            return 0;
        }

        // x = k ln2 + r with |r| <= ln2 / 2 (Cody-Waite: the exact high part first, then the low correction).
        long k = (long)(x * InvLn2 + (x < 0 ? -0.5 : 0.5));
        double r = (x - k * Ln2Hi) - k * Ln2Lo;

        // Taylor series of e^r to r^15/15!: the first omitted term is below 4e-19 for |r| <= 0.35.
        double p = 1.0 / 1307674368000;
        p = p * r + 1.0 / 87178291200;
        p = p * r + 1.0 / 6227020800;
        p = p * r + 1.0 / 479001600;
        p = p * r + 1.0 / 39916800;
        p = p * r + 1.0 / 3628800;
        p = p * r + 1.0 / 362880;
        p = p * r + 1.0 / 40320;
        p = p * r + 1.0 / 5040;
        p = p * r + 1.0 / 720;
        p = p * r + 1.0 / 120;
        p = p * r + 1.0 / 24;
        p = p * r + 1.0 / 6;
        p = p * r + 0.5;
        p = p * r + 1;
        p = p * r + 1;

        return ScaleByPowerOfTwo(p, k);
    }

    // ln(1 + f) = 2 atanh(s) with s = f / (2 + f) = 2 (s + s^3/3 + s^5/5 + ...). For f in [sqrt(1/2) - 1, sqrt(2) - 1],
    // |s| <= 0.1716 and s^2 <= 0.0295, so terms to s^25 leave a relative remainder below 1e-19.
    private static double Log1pSeries(double f)
    {
        double s = f / (2 + f);
        double s2 = s * s;
        double t = 1.0 / 25;
        t = t * s2 + 1.0 / 23;
        t = t * s2 + 1.0 / 21;
        t = t * s2 + 1.0 / 19;
        t = t * s2 + 1.0 / 17;
        t = t * s2 + 1.0 / 15;
        t = t * s2 + 1.0 / 13;
        t = t * s2 + 1.0 / 11;
        t = t * s2 + 1.0 / 9;
        t = t * s2 + 1.0 / 7;
        t = t * s2 + 1.0 / 5;
        t = t * s2 + 1.0 / 3;

        // Adding the leading term last keeps its full precision.
        return 2 * s + 2 * s * (s2 * t);
    }

    // p * 2^k built from exponent bits (exact), in two steps when 2^k itself is not a normal double.
    private static double ScaleByPowerOfTwo(double p, long k)
    {
        if (k > 1023)
        {
            return p * PowerOfTwo(k - 1) * 2;
        }

        if (k < -1022)
        {
            return p * PowerOfTwo(k + 54) / TwoPow54;
        }

        return p * PowerOfTwo(k);
    }

    private static double PowerOfTwo(long k) => BitConverter.Int64BitsToDouble((k + 1023) << 52);
}
