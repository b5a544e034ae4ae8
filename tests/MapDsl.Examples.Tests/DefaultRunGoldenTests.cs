using DifferentialMapping;
using Lab.Differential;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using Spectre.Console;

namespace MapDsl.Examples.Tests;

/// <summary>
/// The default run's committed results (docs/results/differential-mapping) still hold: the summaries are what the
/// current code makes of the committed trials, byte for byte, and a sample of the committed trials evaluated now
/// gives the committed accuracies, on networks pruned and fine-tuned now with the default settings.
/// </summary>
public sealed class DefaultRunGoldenTests
{
    private static readonly string Results = Path.Combine(MapDsl.Examples.RepositoryFiles.Path("docs", "results", "differential-mapping"));

    [Theory]
    [InlineData("")]
    [InlineData(DifferentialExperiment.MixedSubfolder)]
    public void The_summaries_are_what_the_code_makes_of_the_committed_trials(string subfolder)
    {
        var folder = Path.Combine(Results, subfolder);
        var summary = CampaignSummary.From(TrialsFile.ReadRows(Path.Combine(folder, "trials.csv")));

        summary.SummaryCsv().ShouldBe(File.ReadAllText(Path.Combine(folder, "summary.csv")));
        summary.CurvesCsv().ShouldBe(File.ReadAllText(Path.Combine(folder, "curves.csv")));
    }

    [Fact]
    public void Committed_trials_evaluated_now_give_the_committed_accuracies()
    {
        var settings = DifferentialExperiment.For(DifferentialExperiment.LeNet).SettingsOf("--out", Path.Combine(Path.GetTempPath(), "mapdsl-golden-" + Guid.NewGuid().ToString("N")));
        try
        {
            var weights = LeNet5.Weights.LoadSafetensors(MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
            var test = Datasets.FashionTest();
            var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
            var networks = PrunedNetworks<LeNet5.Weights>.Prepare(weights, LeNet5.Prunings, Datasets.FashionTrain(), test, settings, quiet, CancellationToken.None);
            var rows = TrialsFile.ReadRows(Path.Combine(Results, DifferentialExperiment.MixedSubfolder, "trials.csv"));
            foreach (var mapping in LeNet5.Mappings)
            {
                // Every mapping at the decade rates of chip 7: faults from none that matter to most cells stuck.
                var mine = rows.Where(r => r.Trial.Configuration == CampaignConfiguration.Of(mapping) && (r.Trial.IsBaseline || r.Trial.Chip == 7))
                    .Where(r => r.Trial.IsBaseline || Math.Abs(Math.Log10(r.Trial.StuckOnRate) - Math.Round(Math.Log10(r.Trial.StuckOnRate))) < 1e-9)
                    .ToList();
                mine.Count.ShouldBe(1 + 5, mapping.Name);
                var worker = new MappingEvaluation<LeNet5.Weights>(mapping, networks.For(mapping.Pruning), test).CreateWorker();
                foreach (var row in mine)
                {
                    worker.Evaluate(row.Trial).ShouldBe(row.Accuracy, row.Trial.ToString());
                }
            }
        }
        finally
        {
            Directory.Delete(settings.OutputFolder, recursive: true);
        }
    }
}
