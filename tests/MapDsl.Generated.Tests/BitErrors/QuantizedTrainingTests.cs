using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Quantization;
using Test.BitErrors;

namespace MapDsl.Generated.Tests.BitErrors;

/// <summary>
/// QuantizedTraining on Xmap/biterrors.xmap's small conv net, checked against steps rebuilt by hand from the public
/// pieces (the generated Model.Loss, the mapping's Quantizer and fault sampler): the straight-through step, the
/// clipping, RandBET's averaged and clipped perturbed gradient, and the curriculum's switching.
/// </summary>
public class QuantizedTrainingTests
{
    private const float LearningRate = 0.1f;

    private static readonly ImageSet Train = Images(64, seed: 3);

    [Fact]
    public void One_quantization_aware_step_moves_the_float_weights_by_the_gradient_at_the_quantized_weights()
    {
        var weights = Initial();
        var expected = weights.Clone();
        var settings = new BitErrorTrainingSettings(Rq.Quantizer, WeightClip: 0.3);

        QuantizedTraining.Train(weights, Rq.Instance, Train, OneStep(), settings);

        // By hand: clip, quantize with the mapping's quantizer, gradient there, plain SGD step on the clipped float weights.
        Clip(expected, 0.3f);
        var forward = Quantized(expected, Rq.Quantizer);
        var gradients = new Tiny.Weights();
        new Tiny.Model(Train.Count).Loss(Train.Pixels, Train.Labels, Train.Count, forward, gradients);
        Step(expected, gradients);
        Close(weights, expected);
    }

    [Fact]
    public void RandBet_averages_the_clean_gradient_with_the_clipped_gradient_under_the_steps_pattern()
    {
        var weights = Initial();
        var expected = weights.Clone();
        var settings = new BitErrorTrainingSettings(Rq.Quantizer, WeightClip: 0.5, ErrorRate: 0.05, GradientClip: 0.01f);

        var result = QuantizedTraining.Train(weights, Rq.Instance, Train, OneStep(), settings);

        result.InjectedSteps.ShouldBe(1, "without a curriculum every step injects");
        Clip(expected, 0.5f);
        var model = new Tiny.Model(Train.Count);
        var forward = Quantized(expected, Rq.Quantizer);
        var clean = new Tiny.Weights();
        model.Loss(Train.Pixels, Train.Labels, Train.Count, forward, clean);

        // The step's pattern: the mapping's sampler at p_train with the step's seed, flipped in the stored codes.
        var pattern = Rq.SampleFaults(FaultRates.None with { BitFlip = 0.05 }, QuantizedTraining.PatternSeed(OneStep().Seed, 0));
        pattern.BitFlipCount.ShouldBeGreaterThan(0);
        var perturbed = expected.Clone();
        foreach (var (layer, faults) in Tiny.WeightedLayerNames.Zip(pattern.Layers))
        {
            var codes = Rq.Quantizer.Quantize(expected.WeightsOf(layer));
            BitFlips.Apply(codes, faults.BitFlips);
            codes.DecodeTo(perturbed.WeightsOf(layer));
        }

        var perturbedGradients = new Tiny.Weights();
        model.Loss(Train.Pixels, Train.Labels, Train.Count, perturbed, perturbedGradients);
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            Average(clean.WeightsOf(layer), perturbedGradients.WeightsOf(layer), 0.01f);
            Average(clean.BiasOf(layer), perturbedGradients.BiasOf(layer), 0.01f);
        }

        Step(expected, clean);
        Close(weights, expected);
    }

    [Fact]
    public void RandBet_with_p_train_0_is_clipping_training_step_for_step_and_a_positive_p_train_is_not()
    {
        var options = new TrainingOptions(3, LearningRate, Momentum: 0.9f, BatchSize: 16, Seed: 5, Nesterov: true, WeightDecay: 5e-4f);
        var clipping = Initial();
        var randBetAtZero = Initial();
        var randBet = Initial();

        var clipped = QuantizedTraining.Train(clipping, Trunc4.Instance, Train, options, new BitErrorTrainingSettings(Trunc4.Quantizer, WeightClip: 0.2));
        QuantizedTraining.Train(randBetAtZero, Trunc4.Instance, Train, options, new BitErrorTrainingSettings(Trunc4.Quantizer, 0.2, ErrorRate: 0, Curriculum: RandBetCurriculum.Default));
        var injected = QuantizedTraining.Train(randBet, Trunc4.Instance, Train, options, new BitErrorTrainingSettings(Trunc4.Quantizer, 0.2, ErrorRate: 0.02));

        Same(randBetAtZero, clipping);
        clipped.InjectedSteps.ShouldBe(0);
        injected.InjectedSteps.ShouldBe(injected.Steps);
        randBet.WeightsOf("c").ShouldNotBe(clipping.WeightsOf("c"));
    }

    [Theory]
    [InlineData(1e9, 11)] // every loss is below the threshold: injection starts with the second step and stays on
    [InlineData(1e-9, 0)] // no loss is: injection never starts
    public void The_curriculum_starts_injection_after_the_first_step_whose_losses_allow_it(double threshold, int injectedSteps)
    {
        var options = new TrainingOptions(3, LearningRate, BatchSize: 16, Seed: 2);
        var settings = new BitErrorTrainingSettings(Rq.Quantizer, 0.5, ErrorRate: 0.01, Curriculum: new RandBetCurriculum(threshold));

        var result = QuantizedTraining.Train(Initial(), Rq.Instance, Train, options, settings);

        result.Steps.ShouldBe(12);
        result.InjectedSteps.ShouldBe(injectedSteps);
    }

    [Fact]
    public void A_seed_gives_the_same_weights_and_patterns_differ_between_steps()
    {
        var options = new TrainingOptions(2, LearningRate, BatchSize: 16, Seed: 9);
        var settings = new BitErrorTrainingSettings(Rq.Quantizer, 0.5, ErrorRate: 0.02);
        var first = Initial();
        var second = Initial();

        QuantizedTraining.Train(first, Rq.Instance, Train, options, settings);
        QuantizedTraining.Train(second, Rq.Instance, Train, options, settings);

        Same(first, second);
        QuantizedTraining.PatternSeed(9, 0).ShouldNotBe(QuantizedTraining.PatternSeed(9, 1));
        QuantizedTraining.PatternSeed(9, 0).ShouldNotBe(QuantizedTraining.PatternSeed(10, 0));
    }

    [Fact]
    public void A_mapping_without_codes_is_refused_with_its_name()
    {
        var error = Should.Throw<ArgumentException>(() =>
            QuantizedTraining.Train(new Test.Faults.Small.Weights(), Test.Faults.Pairs.Instance, Images(16, 1, 40), OneStep(), new BitErrorTrainingSettings(Rq.Quantizer)));
        error.Message.ShouldContain("Pairs");
    }

    private static TrainingOptions OneStep() => new(1, LearningRate, Momentum: 0f, BatchSize: Train.Count, Seed: 4);

    private static Tiny.Weights Initial() => HeInitialization.Draw<Tiny.Weights>(new Random(11));

    private static Tiny.Weights Quantized(Tiny.Weights weights, Quantizer quantizer)
    {
        var forward = weights.Clone();
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            quantizer.RoundTrip(weights.WeightsOf(layer), forward.WeightsOf(layer));
        }

        return forward;
    }

    private static void Clip(Tiny.Weights weights, float bound)
    {
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            foreach (var values in new[] { weights.WeightsOf(layer), weights.BiasOf(layer) })
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = Math.Clamp(values[i], -bound, bound);
                }
            }
        }
    }

    private static void Step(Tiny.Weights weights, Tiny.Weights gradients)
    {
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            var (w, g) = (weights.WeightsOf(layer), gradients.WeightsOf(layer));
            var (b, gb) = (weights.BiasOf(layer), gradients.BiasOf(layer));
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= LearningRate * g[i];
            }

            for (int i = 0; i < b.Length; i++)
            {
                b[i] -= LearningRate * gb[i];
            }
        }
    }

    private static void Average(float[] gradient, float[] perturbed, float clip)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = (gradient[i] + Math.Clamp(perturbed[i], -clip, clip)) / 2;
        }
    }

    // The trainer's batch is the set in shuffled order, so its gradient sums in another order than the hand-made one.
    private static void Close(Tiny.Weights actual, Tiny.Weights expected)
    {
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            actual.WeightsOf(layer).ShouldBe(expected.WeightsOf(layer), 1e-5f, $"weights of {layer}");
            actual.BiasOf(layer).ShouldBe(expected.BiasOf(layer), 1e-5f, $"biases of {layer}");
        }
    }

    private static void Same(Tiny.Weights actual, Tiny.Weights expected)
    {
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            actual.WeightsOf(layer).ShouldBe(expected.WeightsOf(layer), $"weights of {layer}");
            actual.BiasOf(layer).ShouldBe(expected.BiasOf(layer), $"biases of {layer}");
        }
    }

    internal static ImageSet Images(int count, int seed, int pixels = 64)
    {
        var random = new Random(seed);
        var values = new float[count * pixels];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            for (int p = 0; p < pixels; p++)
            {
                values[(i * pixels) + p] = (float)random.NextDouble();
            }

            // A label the pixels decide, so that there is something to learn.
            labels[i] = (byte)(values[(i * pixels) + 3] * 5 % 5);
        }

        return pixels == 64 ? new ImageSet(values, labels, 8, 8, "synthetic", classes: 5) : new ImageSet(values, labels, 1, pixels, "synthetic", classes: 6);
    }
}
