namespace MapDsl.Runtime.Faults;

/// <summary>
/// Binomial(n, p) with 0 &lt; p &lt; 1: the pmf at any point (saddle-point form, O(1)) and the ratios of neighbouring
/// pmf values, which let a search walk from one count to the next with one multiplication.
/// </summary>
internal readonly struct BinomialDistribution
{
    private readonly double _n;
    private readonly double _p;
    private readonly double _q;
    private readonly double _logP;
    private readonly double _logQ;
    private readonly double _pOverQ;
    private readonly double _qOverP;

    public BinomialDistribution(long n, double p)
    {
        N = n;
        _n = n;
        _p = p;

        // 1 - p is exact for p >= 1/2; below that log1p keeps ln q accurate when p is tiny.
        _q = 1 - p;
        _logP = DeterministicMath.Log(p);
        _logQ = p >= 0.5 ? DeterministicMath.Log(_q) : DeterministicMath.Log1p(-p);
        _pOverQ = p / _q;
        _qOverP = _q / p;
        Mode = Math.Min(n, (long)((n + 1.0) * p));
    }

    /// <summary>Number of trials.</summary>
    public long N { get; }

    /// <summary>floor((n + 1) p): a most likely count (up to rounding, which only moves where searches start).</summary>
    public long Mode { get; }

    /// <summary>P(X = k).</summary>
    public double Pmf(long k)
    {
        if (k == 0)
        {
            return DeterministicMath.Exp(_n * _logQ);
        }

        if (k == N)
        {
            return DeterministicMath.Exp(_n * _logP);
        }

        double x = k;
        double rest = _n - x;
        double logCore = SaddlePoint.StirlingError(_n) - SaddlePoint.StirlingError(x) - SaddlePoint.StirlingError(rest)
                         - SaddlePoint.Deviance(x, _n * _p) - SaddlePoint.Deviance(rest, _n * _q);
        double logScale = 0.5 * DeterministicMath.Log(_n / x / rest) - SaddlePoint.LnSqrt2Pi;
        return DeterministicMath.Exp(logCore + logScale);
    }

    /// <summary>P(X = k + 1) / P(X = k) = (n - k) / (k + 1) * p / q; decreasing in k.</summary>
    public double UpRatio(long k) => (_n - k) / (k + 1.0) * _pOverQ;

    /// <summary>P(X = k - 1) / P(X = k) = k / (n - k + 1) * q / p; decreasing as k decreases.</summary>
    public double DownRatio(long k) => k / (_n - k + 1.0) * _qOverP;
}
