using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>Hand-made rows for summary tests: a baseline and, per rate, the accuracies of chips 1, 2, ...</summary>
internal static class SummaryRows
{
    public static IEnumerable<TrialRow> For(CampaignConfiguration config, double baseline, params (double Rate, double[] Chips)[] points)
    {
        yield return new TrialRow(Trial.Baseline(config), baseline);
        foreach ((double rate, double[] chips) in points)
        {
            for (int chip = 1; chip <= chips.Length; chip++)
            {
                yield return new TrialRow(new Trial(config, rate, 0, chip), chips[chip - 1]);
            }
        }
    }
}
