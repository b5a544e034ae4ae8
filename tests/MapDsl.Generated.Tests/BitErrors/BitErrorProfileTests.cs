using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Faults.Files;
using Test.BitErrors;

namespace MapDsl.Generated.Tests.BitErrors;

/// <summary>
/// Profiled chips: the documented file format with its errors at their lines, patterns drawn from per-bit
/// probabilities (certain, impossible and in-between bits, the base rate for the rest), and a profiled pattern
/// evaluated like a sampled one.
/// </summary>
public class BitErrorProfileTests
{
    private const string Profile = """
        mapdsl-bit-error-profile 1
        # die 3 at 0.62 V
        rate 0.01
        layer c
        bit 0 7 1        # always flips
        bit 1 0 0        # never flips, whatever the base rate
        bit 2 3 0.3
        layer d
        bit 134 7 1
        """;

    [Fact]
    public void Listed_bits_flip_with_their_probability_and_the_others_at_the_base_rate()
    {
        var profile = BitErrorProfileFile.Parse(new StringReader(Profile), "die3.profile");
        int third = 0;
        const int Patterns = 2000;
        for (int pattern = 1; pattern <= Patterns; pattern++)
        {
            var map = profile.Sample(Rq.Instance, pattern);
            var c = map.Layers.Single(l => l.Layer == "c").BitFlips;
            c.ShouldContain(new BitFlipAt(0, 7));
            c.ShouldNotContain(new BitFlipAt(1, 0));
            map.Layers.Single(l => l.Layer == "d").BitFlips.ShouldContain(new BitFlipAt(134, 7));
            third += c.Contains(new BitFlipAt(2, 3)) ? 1 : 0;
            if (pattern <= 20)
            {
                // The bits not listed are exactly the mapping's own pattern at the base rate, same seed.
                var sampled = Rq.SampleFaults(FaultRates.None with { BitFlip = 0.01 }, (ulong)pattern);
                foreach (var (layer, expected) in map.Layers.Zip(sampled.Layers))
                {
                    var listed = profile.Bits[layer.Layer].Select(b => new BitFlipAt(b.Weight, b.Bit)).ToHashSet();
                    layer.BitFlips.Where(f => !listed.Contains(f)).ShouldBe(expected.BitFlips.Where(f => !listed.Contains(f)));
                }

                map.Matches(Rq.Shape, out var problem).ShouldBeTrue(problem);
                profile.Sample(Rq.Instance, pattern).Layers.SelectMany(l => l.BitFlips).ShouldBe(map.Layers.SelectMany(l => l.BitFlips), "a pattern is deterministic");
            }
        }

        // Binomial(2000, 0.3): mean 600, standard deviation 20.5; five of them either side.
        third.ShouldBeInRange(600 - 103, 600 + 103);
    }

    [Fact]
    public void A_profiled_pattern_scores_like_injecting_it_and_evaluating_from_scratch()
    {
        var weights = HeInitialization.Draw<Tiny.Weights>(new Random(3));
        var test = QuantizedTrainingTests.Images(200, seed: 4);
        var evaluation = new BitErrorEvaluation<Tiny.Weights>(new MappingEvaluation<Tiny.Weights>(Rq.Instance, weights, test));
        var map = BitErrorProfileFile.Parse(new StringReader(Profile)).Sample(Rq.Instance, 5);

        var score = evaluation.Score(map);

        IMapping<Tiny.Weights> mapping = Rq.Instance;
        var chip = mapping.CreateChip();
        mapping.Inject(chip, map);
        mapping.Map(weights, chip);
        var model = new Tiny.Model(test.Count);
        int correct = model.CountCorrect(test.Pixels, test.Labels, test.Count, mapping.ReadBack(chip));
        score.Correct.ShouldBe(correct);
        score.Pattern.ShouldBe(5);
        double.IsNaN(score.Rate).ShouldBeTrue();
    }

    [Theory]
    [InlineData("mapdsl-faultmap 1\n", 1, "expected the first line 'mapdsl-bit-error-profile 1'")]
    [InlineData("mapdsl-bit-error-profile 1\nbit 1 2 0.5\n", 2, "a 'bit' line needs a 'layer NAME' line before it")]
    [InlineData("mapdsl-bit-error-profile 1\nlayer c\nbit 1 2 1.5\n", 3, "the probability '1.5' is not a probability in [0, 1]")]
    [InlineData("mapdsl-bit-error-profile 1\nlayer c\nbit 1 2 0.5\nbit 1 2 0.25\n", 4, "weight 1, bit 2 is listed twice")]
    [InlineData("mapdsl-bit-error-profile 1\nlayer c\nrate 0.1\n", 3, "'rate' may appear once, before the first layer")]
    [InlineData("mapdsl-bit-error-profile 1\nlayer c\nbit -1 2 0.5\n", 3, "the weight '-1' is not a whole number")]
    [InlineData("mapdsl-bit-error-profile 1\n\nvoltage 0.6\n", 3, "expected 'rate P', 'layer NAME' or 'bit WEIGHT BIT PROBABILITY'")]
    [InlineData("mapdsl-bit-error-profile 1\nlayer c\nlayer c\n", 3, "layer 'c' appears twice")]
    public void A_bad_line_is_reported_with_the_file_and_its_line(string text, int line, string problem)
    {
        var error = Should.Throw<FaultMapFormatException>(() => BitErrorProfileFile.Parse(new StringReader(text), "chip.profile"));
        (error.Path, error.Line).ShouldBe(("chip.profile", line));
        error.Problem.ShouldContain(problem);
        error.Message.ShouldStartWith($"chip.profile, line {line}: ");
    }

    [Theory]
    [InlineData("layer e\nbit 0 0 1\n", "has no layer 'e' (its layers: c, d)")]
    [InlineData("layer c\nbit 27 0 1\n", "layer 'c' of mapping Test.BitErrors.Rq stores 27 codes of 8 bits; weight 27, bit 0 is not one of them")]
    [InlineData("layer d\nbit 0 8 1\n", "weight 0, bit 8 is not one of them")]
    public void A_profile_that_does_not_fit_the_mapping_is_refused_before_sampling(string body, string problem)
    {
        var profile = BitErrorProfileFile.Parse(new StringReader("mapdsl-bit-error-profile 1\n" + body));
        profile.Misfit(Rq.Shape).ShouldNotBeNull().ShouldContain(problem);
        Should.Throw<ArgumentException>(() => profile.Sample(Rq.Instance, 1)).Message.ShouldContain(problem);
    }
}
