using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Campaigns.Reports;
using Spectre.Console;

namespace MapDsl.Experiments;

/// <summary>A campaign's result on the console: each configuration's fault-free accuracy and tolerable rate.</summary>
internal static class SummaryTable
{
    public static Table Of(string title, CampaignSummary summary)
    {
        // An experiment's own axes (e.g. retraining epochs) tell its configurations apart, so each gets a column.
        var axes = summary.AxisNames;
        var table = new Table().Title(title).AddColumns(["mapping", "scheme", "sparsity", .. axes, "swept", "fault-free accuracy", "tolerable rate"]);
        foreach (var configuration in summary.Configurations)
        {
            var key = configuration.Configuration;
            table.AddRow([
                key.Mapping,
                key.Scheme,
                CampaignMarkdown.Percent(key.Sparsity),
                .. axes.Select(key.AxisValue),
                TrialColumns.Word(configuration.Swept),
                CampaignMarkdown.Accuracy(configuration.BaselineAccuracy),
                configuration.Tolerable.Describe()]);
        }

        return table.Caption("tolerable: the highest rate at which the mean over chips stays within 1 point of the fault-free accuracy (log-interpolated)");
    }
}
