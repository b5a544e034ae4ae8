using System.Globalization;

namespace MapDsl.Runtime.Campaigns.Reports;

/// <summary>
/// How many times the fault rate one scheme tolerates exceeds another's at one sparsity:
/// tolerable(numerator) / tolerable(denominator), e.g. differential against two-column mapping. Tolerable rates that
/// lie beyond an end of the grid only bound the ratio, and <see cref="Bound"/> says which way.
/// </summary>
/// <param name="Sparsity">The sparsity both configurations share.</param>
/// <param name="Numerator">The numerator scheme's tolerable rate.</param>
/// <param name="Denominator">The denominator scheme's tolerable rate.</param>
/// <param name="Bound">Whether <see cref="Value"/> is the ratio or a bound on it.</param>
/// <param name="Value">The ratio or its bound; null when <see cref="RatioBound.Unknown"/>.</param>
public sealed record ToleranceRatio(double Sparsity, TolerableRate Numerator, TolerableRate Denominator, RatioBound Bound, double? Value)
{
    /// <summary>
    /// The ratio for every sparsity that has a configuration of both schemes, by ascending sparsity. A rate below the
    /// grid counts as at most the lowest grid rate, a rate that never fails as at least the highest, and the ratio is
    /// bounded accordingly.
    /// </summary>
    /// <param name="summary">The campaign's summary.</param>
    /// <param name="numeratorScheme">The scheme whose tolerable rate is divided, as the language spells it.</param>
    /// <param name="denominatorScheme">The scheme it is divided by.</param>
    /// <returns>The ratios.</returns>
    public static IReadOnlyList<ToleranceRatio> BySparsity(CampaignSummary summary, string numeratorScheme, string denominatorScheme)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var ratios = new List<ToleranceRatio>();
        foreach (double sparsity in summary.Configurations.Select(c => c.Configuration.Sparsity).Distinct().Order())
        {
            if (summary.Find(numeratorScheme, sparsity) is { } numerator && summary.Find(denominatorScheme, sparsity) is { } denominator)
            {
                ratios.Add(Between(sparsity, numerator.Tolerable, denominator.Tolerable));
            }
        }

        return ratios;
    }

    /// <summary>The ratio of two tolerable rates, bounded where either lies beyond the grid.</summary>
    /// <param name="sparsity">The sparsity both share.</param>
    /// <param name="numerator">The rate divided.</param>
    /// <param name="denominator">The rate it is divided by.</param>
    /// <returns>The ratio.</returns>
    public static ToleranceRatio Between(double sparsity, TolerableRate numerator, TolerableRate denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);

        // Each rate as (value, direction): exact, an upper bound (below the grid), or a lower bound (never failed).
        (double n, int nSide) = Side(numerator);
        (double d, int dSide) = Side(denominator);

        // n / d rises with n and falls with d: a lower bound on n or an upper bound on d gives a lower bound.
        RatioBound bound = Combine(nSide, -dSide) switch
        {
            0 => RatioBound.Exact,
            1 => RatioBound.AtLeast,
            -1 => RatioBound.AtMost,
            _ => RatioBound.Unknown,
        };

        return new ToleranceRatio(sparsity, numerator, denominator, bound, bound == RatioBound.Unknown ? null : n / d);
    }

    /// <summary>The ratio for people: "12.3×", "≥ 8.1×", "≤ 0.5×" or "unknown".</summary>
    /// <returns>The text.</returns>
    public string Describe() => Bound switch
    {
        RatioBound.Exact => Times(Value),
        RatioBound.AtLeast => "≥ " + Times(Value),
        RatioBound.AtMost => "≤ " + Times(Value),
        _ => "unknown",
    };

    /// <summary>A factor for people: two decimals below 100 ("36.88×", "2.5×"), none above ("120×").</summary>
    /// <param name="value">The factor; null reads as 0.</param>
    /// <returns>The text.</returns>
    public static string Times(double? value) => (value ?? 0).ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture) + "×";

    private static (double Value, int Side) Side(TolerableRate rate) => rate.Bound switch
    {
        ToleranceBound.BelowGrid => (rate.LowestRate, -1),
        ToleranceBound.AtLeastHighest => (rate.HighestRate, 1),
        _ => (rate.Rate ?? 0, 0),
    };

    // 0 and s give s; equal sides give that side; opposite sides (+1 and -1) give 2, meaning unknown.
    private static int Combine(int a, int b) => a == 0 ? b : b == 0 ? a : a == b ? a : 2;
}
