using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>Rows of one configuration whose tolerable rate is known by hand: it fails at <c>failing</c> after passing at <c>passing</c>.</summary>
public static class CrossingRows
{
    /// <summary>
    /// A baseline of 0.9, then one chip at the passing rate (0.9) and one at the failing rate, whose accuracy puts the
    /// threshold (0.9 - 0.01) <paramref name="fraction"/> of the way from passing to failing in log(rate): e.g. 1e-4,
    /// 1e-3 and 0.5 give a tolerable rate of 10^-3.5.
    /// </summary>
    public static IEnumerable<TrialRow> For(string scheme, double sparsity, double passing, double failing, double fraction, double stuckOff = 0)
    {
        var config = new CampaignConfiguration("M", scheme, sparsity);
        yield return new TrialRow(Trial.Baseline(config), 0.9);
        yield return new TrialRow(new Trial(config, passing, stuckOff * passing, 1), 0.9);
        yield return new TrialRow(new Trial(config, failing, stuckOff * failing, 1), 0.9 - 0.01 / fraction);
    }
}
