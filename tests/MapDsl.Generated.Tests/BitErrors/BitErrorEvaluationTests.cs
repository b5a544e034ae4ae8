using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Faults;
using Test.BitErrors;

namespace MapDsl.Generated.Tests.BitErrors;

/// <summary>
/// BitErrorEvaluation against a from-scratch evaluation of each pattern: sample the pattern, map a fresh chip with
/// it injected, read the weights back and run the whole test set through the generated model, clean and perturbed,
/// and count both errors by hand. Also: nesting across rates, and the same scores on any number of workers.
/// </summary>
public class BitErrorEvaluationTests
{
    private static readonly ImageSet TestSet = QuantizedTrainingTests.Images(300, seed: 8);

    private static readonly Lazy<Tiny.Weights> Trained = new(() =>
    {
        var weights = HeInitialization.Draw<Tiny.Weights>(new Random(5));
        QuantizedTraining.Train(weights, Rq.Instance, QuantizedTrainingTests.Images(256, seed: 6), new TrainingOptions(4, 0.05f, BatchSize: 32), new BitErrorTrainingSettings(Rq.Quantizer));
        return weights;
    });

    public static TheoryData<string, double, int> Patterns() => new()
    {
        { Rq.Name, 0.001, 1 },
        { Rq.Name, 0.01, 2 },
        { Rq.Name, 0.05, 3 },
        { Rq.Name, 0.2, 4 },
        { Trunc4.Name, 0.01, 1 },
        { Trunc4.Name, 0.1, 7 },
        { RqBiases.Name, 0.02, 2 },
        { OffsetBiases.Name, 0.05, 3 },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_patterns_scores_equal_mapping_flipping_and_evaluating_from_scratch(string mappingName, double rate, int pattern)
    {
        var mapping = MappingNamed(mappingName);
        var evaluation = new BitErrorEvaluation<Tiny.Weights>(new MappingEvaluation<Tiny.Weights>(mapping, Trained.Value, TestSet));

        var score = evaluation.Score(rate, pattern);

        var faults = mapping.SampleFaults(FaultRates.None with { BitFlip = rate }, (ulong)pattern);
        faults.BitFlipCount.ShouldBeGreaterThan(0, "a pattern that flips nothing tests nothing");
        var clean = Predictions(mapping.ReadBack(mapping.Map(Trained.Value)));
        var chip = mapping.CreateChip();
        mapping.Inject(chip, faults);
        mapping.Map(Trained.Value, chip);
        var perturbed = Predictions(mapping.ReadBack(chip));
        int correct = Enumerable.Range(0, TestSet.Count).Count(i => perturbed[i] == TestSet.Labels[i]);
        int both = Enumerable.Range(0, TestSet.Count).Count(i => perturbed[i] == TestSet.Labels[i] && clean[i] == TestSet.Labels[i]);
        (score.Correct, score.CorrectBoth, score.Images).ShouldBe((correct, both, TestSet.Count));
        score.RobustError.ShouldBe(1 - ((double)both / TestSet.Count), 1e-15);
        score.PerturbedError.ShouldBeLessThanOrEqualTo(score.RobustError);
    }

    [Fact]
    public void Patterns_are_nested_across_rates_and_scores_do_not_depend_on_the_workers()
    {
        double[] rates = [0.005, 0.02, 0.1];
        for (int pattern = 1; pattern <= 4; pattern++)
        {
            var flips = rates.Select(r => Rq.SampleFaults(FaultRates.None with { BitFlip = r }, (ulong)pattern).Layers
                .SelectMany(l => l.BitFlips.Select(f => (l.Layer, f.Weight, f.Bit))).ToHashSet()).ToArray();
            flips[0].IsSubsetOf(flips[1]).ShouldBeTrue();
            flips[1].IsSubsetOf(flips[2]).ShouldBeTrue();
            flips[2].Count.ShouldBeGreaterThan(flips[0].Count);
        }

        var evaluation = new BitErrorEvaluation<Tiny.Weights>(new MappingEvaluation<Tiny.Weights>(Rq.Instance, Trained.Value, TestSet));
        var one = evaluation.Run(rates, patterns: 5, workers: 1);
        var two = evaluation.Run(rates, patterns: 5, workers: 2);

        two.ShouldBe(one);
        one.Select(s => (s.Rate, s.Pattern)).ShouldBe(rates.SelectMany(r => Enumerable.Range(1, 5).Select(p => (r, p))));
    }

    [Fact]
    public void A_mapping_without_codes_has_no_bits_to_flip()
    {
        var small = new Test.Faults.Small.Weights();
        var error = Should.Throw<ArgumentException>(() => new BitErrorEvaluation<Test.Faults.Small.Weights>(
            new MappingEvaluation<Test.Faults.Small.Weights>(Test.Faults.Pairs.Instance, small, QuantizedTrainingTests.Images(10, 1, 40))));
        error.Message.ShouldContain("Pairs");
    }

    private static IMapping<Tiny.Weights> MappingNamed(string name) => name switch
    {
        Rq.Name => Rq.Instance,
        RqBiases.Name => RqBiases.Instance,
        OffsetBiases.Name => OffsetBiases.Instance,
        _ => Trunc4.Instance,
    };

    private static int[] Predictions(Tiny.Weights weights)
    {
        var model = new Tiny.Model(TestSet.Count);
        var logits = model.Forward(TestSet.Pixels, TestSet.Count, weights).ToArray();
        return [.. Enumerable.Range(0, TestSet.Count).Select(i => SoftmaxCrossEntropy.ArgMax(logits.AsSpan(i * 5, 5)))];
    }
}
