using System.Globalization;
using System.Text;
using MapDsl.Runtime.Campaigns.Reports;
using Spectre.Console;

namespace MapDsl.Experiments;

/// <summary>The accuracies of <see cref="PrunedNetworks{TWeights}.Rows"/> as a console table and as Markdown.</summary>
public static class PruningTables
{
    /// <summary>The rows as a report section: a "Pruning and fine-tuning" heading and a table.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The Markdown, lines ending in \n.</returns>
    public static string Markdown(IEnumerable<PruningRow> rows)
    {
        var text = new StringBuilder();
        text.Append("### Pruning and fine-tuning\n\n");
        text.Append("| pruning | sparsity of all weights | trained | pruned | after fine-tuning |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Name} | {P(row.AchievedSparsity)} | {P(row.TrainedAccuracy)} | {P(row.PrunedAccuracy)} | {P(row.FineTunedAccuracy)} |\n");
        }

        return text.ToString();
    }

    /// <summary>The rows as a console table.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The table.</returns>
    public static Table Console(IEnumerable<PruningRow> rows)
    {
        var table = new Table().Title("pruning and masked fine-tuning (test accuracy)").AddColumns("pruning", "sparsity", "trained", "pruned", "fine-tuned");
        foreach (var row in rows)
        {
            table.AddRow(row.Name, P(row.AchievedSparsity), P(row.TrainedAccuracy), P(row.PrunedAccuracy), P(row.FineTunedAccuracy));
        }

        return table;
    }

    private static string P(double fraction) => CampaignMarkdown.Accuracy(fraction);
}
