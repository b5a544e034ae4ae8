using MapDsl.Runtime.BitErrors;
using MathNet.Numerics.Statistics;

namespace MapDsl.Runtime.Tests.BitErrors;

/// <summary>The per-rate summary against MathNet's statistics, and the two error definitions.</summary>
public class BitErrorSummaryTests
{
    [Fact]
    public void Mean_and_population_standard_deviation_per_rate_in_first_appearance_order()
    {
        BitErrorScore[] scores =
        [
            new(0.01, 1, Correct: 90, CorrectBoth: 85, Images: 100),
            new(0.01, 2, Correct: 80, CorrectBoth: 80, Images: 100),
            new(0.001, 1, Correct: 97, CorrectBoth: 96, Images: 100),
            new(0.01, 3, Correct: 70, CorrectBoth: 66, Images: 100),
        ];

        var summaries = BitErrorSummary.Of(scores);

        summaries.Select(s => s.Rate).ShouldBe([0.01, 0.001]);
        double[] robust = [0.15, 0.20, 0.34];
        summaries[0].Patterns.ShouldBe(3);
        summaries[0].RobustErrorMean.ShouldBe(robust.Mean(), 1e-12);
        summaries[0].RobustErrorStd.ShouldBe(robust.PopulationStandardDeviation(), 1e-12);
        summaries[0].PerturbedErrorMean.ShouldBe(new[] { 0.10, 0.20, 0.30 }.Mean(), 1e-12);
        summaries[1].RobustErrorStd.ShouldBe(0);
    }

    [Fact]
    public void The_robust_error_counts_an_image_wrong_when_either_prediction_is()
    {
        var score = new BitErrorScore(0.05, 4, Correct: 700, CorrectBoth: 650, Images: 1000);
        score.PerturbedError.ShouldBe(0.3, 1e-15);
        score.RobustError.ShouldBe(0.35, 1e-15);
    }
}
