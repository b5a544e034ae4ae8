using MapDsl.Benchmarks;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Generated.Tests.Evaluation;

/// <summary>
/// The `campaign` bench's trial (linked from benchmarks/MapDsl.Benchmarks) computes what a from-scratch evaluation of
/// the same chip computes: map the layer fresh, inject the chip's faults, read back every weight, Dense.Forward.
/// Not timed; one chip per rate, and the trial instance is re-used across rates as the bench re-uses it.
/// </summary>
public class CampaignTrialTests
{
    [Fact]
    public void A_bench_trial_equals_a_from_scratch_evaluation_of_the_same_faulty_chip()
    {
        var weights = SmallWeights();
        var input = CampaignTrial.RandomInput(4);
        var trial = new CampaignTrial(weights, input);
        var paths = new HashSet<DensePath>();

        foreach (var (rate, chip) in new[] { (0.001, 1UL), (0.1, 2UL), (0.6, 3UL), (0.01, 4UL), (0.95, 5UL) })
        {
            var rates = new FaultRates(rate / 2, rate / 2, 0, 0);
            var fresh = Bench.TwoColumns.Map(weights);
            Bench.TwoColumns.Inject(fresh, Bench.TwoColumns.SampleFaults(rates, chip));
            var faulty = Bench.TwoColumns.ReadBack(fresh);
            var expected = new float[CampaignTrial.Batch * CampaignTrial.Width];
            Dense.Forward(input, faulty.D, faulty.DBias, expected, CampaignTrial.Batch, CampaignTrial.Width, CampaignTrial.Width);

            // Straight from the draws, then through the injected map: the same changed weights, the same output.
            paths.Add(trial.Run(rates, chip));
            var sampled = Changes(trial);
            ShouldMatch(trial.Output, expected, $"rate {rate}, chip {chip}, from the draws");
            trial.State.D.Sum(t => t.FaultCount).ShouldBe(0, "the trial does not touch the tiles");

            paths.Add(trial.RunInjected(rates, chip));
            Changes(trial).ShouldBe(sampled, $"rate {rate}, chip {chip}: changed weights from the draws and from the injected map");
            ShouldMatch(trial.Output, expected, $"rate {rate}, chip {chip}, injected");
            trial.State.D.Sum(t => t.FaultCount).ShouldBe(0, "the injected trial restores the clean tiles");
        }

        paths.ShouldBe([DensePath.Sparse, DensePath.Dense], ignoreOrder: true);
    }

    // The trial's output is [outputs, batch], Dense.Forward's [batch, outputs]; equal within float rounding.
    private static void ShouldMatch(float[] output, float[] expected, string what)
    {
        var tolerance = 1e-5 * expected.Max(Math.Abs);
        var worst = 0.0;
        for (var s = 0; s < CampaignTrial.Batch; s++)
        {
            for (var c = 0; c < CampaignTrial.Width; c++)
            {
                worst = Math.Max(worst, Math.Abs(output[(c * CampaignTrial.Batch) + s] - expected[(s * CampaignTrial.Width) + c]));
            }
        }

        worst.ShouldBeLessThanOrEqualTo(tolerance, what);
    }

    // The last trial's changes as (index, value bits), sorted by index.
    private static List<(int, int)> Changes(CampaignTrial trial) =>
        [.. Enumerable.Range(0, trial.Changes.Count)
            .Select(i => (trial.Changes.Indices[i], BitConverter.SingleToInt32Bits(trial.Changes.Values[i])))
            .OrderBy(p => p.Item1)];

    // The bench's seeded weights (RandomWeights.Dense1024), with a bias so that it is exercised too.
    private static Bench.Dense1024.Weights SmallWeights()
    {
        var random = new Random(2);
        return new(
            [.. Enumerable.Range(0, Bench.Dense1024.D.WeightCount).Select(_ => (float)(random.NextDouble() - 0.5))],
            [.. Enumerable.Range(0, Bench.Dense1024.D.BiasCount).Select(_ => (float)(random.NextDouble() - 0.5))]);
    }
}
