using System.Globalization;

using MapDsl.Runtime.Campaigns;

namespace DifferentialMapping;

/// <summary>
/// How many times the stuck-on rate that the differential mapping tolerates exceeds the two-column one, at one
/// sparsity: tolerable(differential) / tolerable(two-column). Yuan et al. (ISQED 2021) report about 10× for pruned
/// networks.
/// </summary>
/// <param name="Sparsity">The sparsity both configurations share.</param>
/// <param name="Differential">The differential configuration's tolerable rate.</param>
/// <param name="TwoColumn">The two-column configuration's tolerable rate.</param>
/// <param name="Bound">Whether <see cref="Value"/> is the ratio or a bound on it.</param>
/// <param name="Value">The ratio or its bound; null when <see cref="RatioBound.Unknown"/>.</param>
internal sealed record ToleranceRatio(double Sparsity, TolerableRate Differential, TolerableRate TwoColumn, RatioBound Bound, double? Value)
{
    /// <summary>The scheme name of the differential mapping.</summary>
    public const string DifferentialScheme = "differential";

    /// <summary>The scheme name of the two-column mapping.</summary>
    public const string TwoColumnScheme = "two-column";

    /// <summary>
    /// The ratio for every sparsity that has both a "differential" and a "two-column" configuration, by ascending
    /// sparsity. A rate below the grid counts as at most the lowest grid rate, a rate that never fails as at least the
    /// highest, and the ratio is bounded accordingly.
    /// </summary>
    /// <param name="summary">The campaign's summary.</param>
    /// <returns>The ratios.</returns>
    public static IReadOnlyList<ToleranceRatio> Of(CampaignSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var ratios = new List<ToleranceRatio>();
        foreach (double sparsity in summary.Configurations.Select(c => c.Configuration.Sparsity).Distinct().Order())
        {
            if (summary.Find(DifferentialScheme, sparsity) is { } differential && summary.Find(TwoColumnScheme, sparsity) is { } twoColumn)
            {
                ratios.Add(Between(sparsity, differential.Tolerable, twoColumn.Tolerable));
            }
        }

        return ratios;
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

    internal static string Times(double? value) => (value ?? 0).ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture) + "×";

    private static ToleranceRatio Between(double sparsity, TolerableRate differential, TolerableRate twoColumn)
    {
        // Each rate as (value, direction): exact, an upper bound (below the grid), or a lower bound (never failed).
        (double d, int dSide) = Side(differential);
        (double t, int tSide) = Side(twoColumn);
        double ratio = d / t;

        // ratio = d / t rises with d and falls with t: a lower bound on d or an upper bound on t gives a lower bound.
        int side = Combine(dSide, -tSide);
        RatioBound bound = side switch
        {
            0 => RatioBound.Exact,
            1 => RatioBound.AtLeast,
            -1 => RatioBound.AtMost,
            _ => RatioBound.Unknown,
        };

        return new ToleranceRatio(sparsity, differential, twoColumn, bound, bound == RatioBound.Unknown ? null : ratio);
    }

    private static (double Value, int Side) Side(TolerableRate rate) => rate.Bound switch
    {
        ToleranceBound.BelowGrid => (rate.LowestRate, -1),
        ToleranceBound.AtLeastHighest => (rate.HighestRate, 1),
        _ => (rate.Rate ?? 0, 0),
    };

    // 0 and s give s; equal sides give that side; opposite sides (+1 and -1) give 2, meaning unknown.
    private static int Combine(int a, int b) => a == 0 ? b : b == 0 ? a : a == b ? a : 2;
}
