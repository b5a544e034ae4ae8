using System.Globalization;
using System.Text;
using Lab.Differential;
using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>What a run prints at the end and writes into report.md.</summary>
internal static class Results
{
    public static int Print(ExperimentOutcome outcome, ExperimentSettings settings, IAnsiConsole console, string commandLine)
    {
        console.Write(PruningTable(outcome.Networks));
        if (outcome.Cancelled)
        {
            console.MarkupLine("[yellow]Stopped before the end: the finished trials are on disk; run the same command again to resume.[/]");
            return 130;
        }

        if (outcome.StuckOn.Summary is null)
        {
            console.MarkupLine($"Shard {settings.Shard} done: its trials are in {Markup.Escape(outcome.StuckOn.Folder)}. Merge the shards' folders with --merge.");
            return 0;
        }

        WriteReport(outcome.StuckOn.Summary, outcome.Mixed?.Summary, settings, outcome.Networks, commandLine);
        console.Write(SummaryTable("stuck-on faults", outcome.StuckOn.Summary));
        if (outcome.Mixed?.Summary is { } mixed)
        {
            console.Write(SummaryTable($"stuck-on and stuck-off faults ({settings.MixedFaults!.Describe()})", mixed));
        }

        console.MarkupLine($"Wrote {Markup.Escape(Path.Combine(settings.OutputFolder, "report.md"))}, summary.csv, curves.csv, accuracy-vs-rate.svg and trials.csv" +
            (outcome.Mixed is null ? "." : $" (the mixed campaign in {Markup.Escape(Path.Combine(settings.OutputFolder, ExperimentSettings.MixedSubfolder))})."));
        return 0;
    }

    public static void WriteReport(CampaignSummary stuckOn, CampaignSummary? mixed, ExperimentSettings settings, PrunedNetworks? networks, string commandLine)
    {
        var grid = new RateGrid(settings.LowestRate, settings.HighestRate, settings.PointsPerDecade);
        var setup = new List<KeyValuePair<string, string>>
        {
            new("network", $"LeNet-5 ({LeNet5.WeightedLayerCount} weighted layers, {WeightCount()} weights), trained weights {settings.WeightsPath ?? "models/lenet5.safetensors"}"),
            new("data", settings.DataFolder is null ? "the Fashion-MNIST slice shipped in data/fashion-mnist" : $"Fashion-MNIST from {settings.DataFolder}"),
            new("test images per evaluation", settings.TestImages?.ToString(CultureInfo.InvariantCulture) ?? (settings.DataFolder is null ? "all 1,000 of the slice" : "all of the test set (10,000 in Fashion-MNIST)")),
            new("crossbar", $"{Rram128.Name}: {Rram128.Rows} x {Rram128.Columns} cells, {Rram128.Levels} conductance levels, G_off {Rram128.GOff.ToString("G4", CultureInfo.InvariantCulture)} S, G_on {Rram128.GOn.ToString("G4", CultureInfo.InvariantCulture)} S"),
            new("mappings", "two-column and differential (examples/DifferentialMapping/differential.xmap); both use two cells per weight on the same tiles"),
            new("pruning", "unstructured magnitude pruning of every layer but c1 to 50, 80 and 90%, then masked fine-tuning"),
            new("fine-tuning", $"{settings.FineTuneEpochs} epoch(s) of masked SGD (pruned weights stay 0), lr {settings.FineTuneLearningRate.ToString(CultureInfo.InvariantCulture)}, momentum 0.9 (Nesterov), batch 32, shuffling seed {settings.Seed}, on {settings.TrainImages?.ToString(CultureInfo.InvariantCulture) ?? (settings.DataFolder is null ? "all 4,000" : "all (60,000 in Fashion-MNIST)")} training images"),
            new("fault rates", $"stuck-on cell rate from {RateText.Percent(settings.LowestRate)} to {RateText.Percent(settings.HighestRate)}, {settings.PointsPerDecade} per decade ({grid.Rates.Count} rates)"),
            new("chips", $"{settings.Chips} per rate (fault-map seeds 1..{settings.Chips}); a chip's faults are nested across rates and the same for both schemes"),
            new("command", $"dotnet run --project examples/DifferentialMapping -- {commandLine}".TrimEnd()),
        };

        CampaignReport.WriteMarkdown(
            Path.Combine(settings.OutputFolder, "report.md"),
            new ReportInput
            {
                Title = "Pruning and differential crossbar mapping under stuck-at faults (LeNet-5, Fashion-MNIST)",
                Setup = setup,
                Summary = stuckOn,
                Mix = FaultMix.StuckOnOnly,
                MixedSummary = mixed,
                MixedMix = mixed is null ? null : settings.MixedFaults,
                MixedPlotFile = mixed is null ? null : $"{ExperimentSettings.MixedSubfolder}/accuracy-vs-rate.svg",
                NotesTitle = "Notes",
                Notes = ModelNotes + (networks is null ? "\n### Pruning and fine-tuning\n\n(merged from shards: see the shards' console output for the fine-tuning)\n" : PruningMarkdown(networks)),
            });
    }

    // What the simulation includes and leaves out, so a reader can judge how far the numbers carry over to hardware.
    private const string ModelNotes = """
        ### What the model includes

        - A weight is what its two cells read back under the scheme's formula (docs/language.md): conductances are
          quantized to the crossbar's levels, stuck-on cells read G_on and stuck-off cells G_off, and every
          weight of a layer shares the layer's scale k = (G_on - G_off) / w_max. Faults are independent and uniform
          over all cells of all tiles, used or idle; a fault in an idle cell changes nothing.
        - Left out: the current of idle cells and of G_off itself into the bitlines, IR drop, read noise, drift,
          ADC resolution, and any fault-aware remapping. Two-column and differential use the same cells per weight,
          so these would add similar errors to both, but the comparison here rests on this read-back model alone.
        - Why the two schemes differ: under two-column a stuck-on cell adds about ±w_max to its weight, zeros
          included; under differential a stuck-on cell can only pull a weight to 0 (both cells of a zero already rest
          at G_on), which the network tolerates like extra pruning. That holds whether or not the network is pruned,
          which is why the unpruned ratio is large too. Stuck-off cells are the mirror image: harmless on two-column
          zeros, they turn a differential zero into about ±w_max, which is what the mixed campaign shows.
        - Accuracy is measured on the test images of the data given (by default the 1,000-image shipped slice, so one
          image is 0.1 point); the fine-tuning settings were chosen from a handful of tries on that slice.

        """;

    private static int WeightCount() =>
        LeNet5.C1.WeightCount + LeNet5.C2.WeightCount + LeNet5.F1.WeightCount + LeNet5.F2.WeightCount + LeNet5.F3.WeightCount;

    private static string PruningMarkdown(PrunedNetworks networks)
    {
        var text = new StringBuilder();
        text.AppendLine("### Pruning and fine-tuning").AppendLine();
        text.AppendLine("| pruning | sparsity of all weights | trained | pruned | after fine-tuning |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in networks.Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Name} | {P(row.AchievedSparsity)} | {P(row.TrainedAccuracy)} | {P(row.PrunedAccuracy)} | {P(row.FineTunedAccuracy)} |");
        }

        return text.ToString();
    }

    private static Table PruningTable(PrunedNetworks networks)
    {
        var table = new Table().Title("pruning and masked fine-tuning (test accuracy)").AddColumns("pruning", "sparsity", "trained", "pruned", "fine-tuned");
        foreach (var row in networks.Rows)
        {
            table.AddRow(row.Name, P(row.AchievedSparsity), P(row.TrainedAccuracy), P(row.PrunedAccuracy), P(row.FineTunedAccuracy));
        }

        return table;
    }

    private static Table SummaryTable(string title, CampaignSummary summary)
    {
        var table = new Table().Title(title).AddColumns("scheme", "sparsity", "fault-free accuracy", "tolerable stuck-on rate", "differential / two-column");
        var ratios = ToleranceRatio.Of(summary);
        foreach (var configuration in summary.Configurations)
        {
            var key = configuration.Configuration;
            var ratio = ratios.FirstOrDefault(r => r.Sparsity == key.Sparsity);
            table.AddRow(
                key.Scheme,
                P(key.Sparsity),
                P(configuration.BaselineAccuracy),
                configuration.Tolerable.Describe(),
                key.Scheme == ToleranceRatio.DifferentialScheme ? ratio?.Describe() ?? "-" : string.Empty);
        }

        return table.Caption("tolerable: the highest rate at which the mean over chips stays within 1 point of the fault-free accuracy (log-interpolated)");
    }

    private static string P(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
