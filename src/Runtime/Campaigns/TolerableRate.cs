namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The highest stuck-on rate a configuration tolerates, as found by <see cref="CampaignSummary"/>: see
/// <see cref="ConfigurationSummary.Tolerable"/> for the rule.
/// </summary>
/// <param name="Bound">Whether the value is interpolated or only bounded by the grid.</param>
/// <param name="Rate">
/// The interpolated rate; the highest grid rate for <see cref="ToleranceBound.AtLeastHighest"/> (a lower bound); null
/// for <see cref="ToleranceBound.BelowGrid"/>.
/// </param>
/// <param name="LastPassingRate">The highest grid rate before the first failing one, or null if the lowest fails.</param>
/// <param name="FirstFailingRate">The first grid rate whose mean is below the threshold, or null if none fails.</param>
/// <param name="LowestRate">The lowest grid rate.</param>
/// <param name="HighestRate">The highest grid rate.</param>
public sealed record TolerableRate(ToleranceBound Bound, double? Rate, double? LastPassingRate, double? FirstFailingRate, double LowestRate, double HighestRate)
{
    /// <summary>
    /// The value written into <c>summary.csv</c>: the rate when interpolated, 0 when below the grid (nothing on the grid
    /// is tolerated), the highest grid rate when no rate fails (a lower bound).
    /// </summary>
    public double CsvValue => Bound switch
    {
        ToleranceBound.BelowGrid => 0,
        ToleranceBound.AtLeastHighest => HighestRate,
        _ => Rate ?? 0,
    };

    /// <summary>The rate for people: e.g. "0.178%", "&lt; 0.001%" (below the grid) or "&gt;= 30%" (at least the highest).</summary>
    /// <returns>The text.</returns>
    public string Describe() => Bound switch
    {
        ToleranceBound.BelowGrid => "< " + RateText.Percent(LowestRate),
        ToleranceBound.AtLeastHighest => ">= " + RateText.Percent(HighestRate),
        _ => RateText.Percent(Rate ?? 0),
    };
}
