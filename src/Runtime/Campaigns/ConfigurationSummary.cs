namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// What a campaign found for one configuration: its fault-free accuracy, its accuracy curve over the stuck-on rates,
/// and the highest stuck-on rate it tolerates.
/// </summary>
public sealed class ConfigurationSummary
{
    /// <summary>How far the mean accuracy may fall below the baseline and still count as tolerated: 1 percentage point.</summary>
    public const double AccuracyDrop = 0.01;

    internal ConfigurationSummary(CampaignConfiguration configuration, Faults.FaultKind swept, double baselineAccuracy, IReadOnlyList<CurvePoint> points)
    {
        Configuration = configuration;
        Swept = swept;
        BaselineAccuracy = baselineAccuracy;
        Points = points;
        Threshold = baselineAccuracy - AccuracyDrop;
        Tolerable = FindTolerable(points, Threshold);
    }

    /// <summary>The configuration.</summary>
    public CampaignConfiguration Configuration { get; }

    /// <summary>The fault kind whose rate this curve sweeps (stuck-on for a stuck-cell mix).</summary>
    public Faults.FaultKind Swept { get; }

    /// <summary>Fault-free test accuracy (the chip-0 baseline trial), a fraction.</summary>
    public double BaselineAccuracy { get; }

    /// <summary>The lowest mean accuracy that still counts as tolerated: <see cref="BaselineAccuracy"/> - <see cref="AccuracyDrop"/>.</summary>
    public double Threshold { get; }

    /// <summary>One point per stuck-on rate, ascending.</summary>
    public IReadOnlyList<CurvePoint> Points { get; }

    /// <summary>
    /// The tolerable stuck-on rate. With threshold = baseline - 0.01 (one percentage point), the grid rates are walked
    /// in ascending order, and the first rate f whose mean accuracy is below the threshold is the first failing rate;
    /// later rates are not looked at, so noise that lifts a higher rate above the threshold again is ignored. With p the
    /// rate before f, the mean accuracy is taken as linear in log10(rate) between (p, mean_p) and (f, mean_f), and the
    /// tolerable rate is where that line crosses the threshold:
    /// log10(rate) = log10(p) + (mean_p - threshold) / (mean_p - mean_f) × (log10(f) - log10(p)).
    /// If the lowest rate already fails, the result is <see cref="ToleranceBound.BelowGrid"/> (no value); if no rate
    /// fails, it is <see cref="ToleranceBound.AtLeastHighest"/> with the highest grid rate as a lower bound.
    /// </summary>
    public TolerableRate Tolerable { get; }

    private static TolerableRate FindTolerable(IReadOnlyList<CurvePoint> points, double threshold)
    {
        double lowest = points[0].Rate;
        double highest = points[^1].Rate;
        for (int i = 0; i < points.Count; i++)
        {
            CurvePoint failing = points[i];
            if (!(failing.Mean < threshold))
            {
                continue;
            }

            if (i == 0)
            {
                return new TolerableRate(ToleranceBound.BelowGrid, null, null, failing.Rate, lowest, highest);
            }

            // mean_p >= threshold > mean_f, so the fraction is in [0, 1) and the denominator is positive.
            CurvePoint passing = points[i - 1];
            double fraction = (passing.Mean - threshold) / (passing.Mean - failing.Mean);
            double logRate = Math.Log10(passing.Rate) + fraction * (Math.Log10(failing.Rate) - Math.Log10(passing.Rate));
            return new TolerableRate(ToleranceBound.Interpolated, Math.Pow(10, logRate), passing.Rate, failing.Rate, lowest, highest);
        }

        return new TolerableRate(ToleranceBound.AtLeastHighest, highest, highest, null, lowest, highest);
    }
}
