using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Runtime.Tests.Engine.Training;

/// <summary>
/// The shared training loop on a softmax classifier (one dense layer) over tiny images whose class is which half is
/// brighter: masks hold, the batches are a seeded permutation of the set, and a seed gives bit-identical weights.
/// </summary>
public sealed class MaskedTrainerTests
{
    private const int Side = 4;
    private const int Pixels = Side * Side;
    private const int Classes = 2;

    [Fact]
    public void Pruned_weights_stay_exactly_zero_while_the_kept_ones_learn()
    {
        ImageSet train = HalfBright(new Random(5), 256);
        var random = new Random(6);
        float[] w = Enumerable.Range(0, Classes * Pixels).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        bool[] keep = Enumerable.Range(0, w.Length).Select(i => i % 3 != 0).ToArray();
        float[] before = (float[])w.Clone();
        var epochs = new List<(int Epoch, double Loss)>();

        double[] losses = Train(train, w, keep, new TrainingOptions(4, 0.1f, BatchSize: 16), (e, l) => epochs.Add((e, l)));

        for (int i = 0; i < w.Length; i++)
        {
            if (keep[i])
            {
                w[i].ShouldNotBe(before[i], $"kept weight {i}");
            }
            else
            {
                w[i].ShouldBe(0f, $"pruned weight {i}");
            }
        }

        epochs.ShouldBe(losses.Select((l, e) => (e + 1, l)).ToList());
        losses[^1].ShouldBeLessThan(losses[0]);
    }

    [Fact]
    public void A_seed_gives_bit_identical_weights_and_another_seed_other_weights()
    {
        ImageSet train = HalfBright(new Random(7), 200);
        float[] Run(int seed)
        {
            float[] w = Enumerable.Range(0, Classes * Pixels).Select(i => (float)Math.Sin(i)).ToArray();
            Train(train, w, keep: null, new TrainingOptions(2, 0.05f, Momentum: 0.9f, BatchSize: 8, Seed: seed, Nesterov: true, WeightDecay: 1e-3f));
            return w;
        }

        Run(3).ShouldBe(Run(3));
        Run(3).ShouldNotBe(Run(4));
    }

    [Fact]
    public void Each_epoch_visits_a_fresh_permutation_in_full_batches()
    {
        const int count = 70, batch = 8;
        ImageSet train = Indexed(count);
        var visits = new List<int>();
        var layer = new TrainableLayer("d", new float[Classes * Pixels], new float[Classes], new float[Classes * Pixels], new float[Classes]);

        MaskedTrainer.Train([layer], (pixels, labels, n) =>
        {
            n.ShouldBe(batch);
            for (int i = 0; i < n; i++)
            {
                visits.Add((int)Math.Round(pixels[i * Pixels] * (count - 1)));
            }

            return 0;
        }, train, new TrainingOptions(3, 0.1f, BatchSize: batch, Seed: 11));

        int perEpoch = count / batch * batch;
        visits.Count.ShouldBe(3 * perEpoch);
        List<int[]> epochs = visits.Chunk(perEpoch).ToList();
        epochs.ShouldAllBe(e => e.Distinct().Count() == perEpoch);
        epochs[0].ShouldNotBe(epochs[1]);

        // The same permutations as Random.Shuffle of 0..count-1 with the seed, shuffled again each epoch.
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(11);
        for (int e = 0; e < 3; e++)
        {
            random.Shuffle(order);
            epochs[e].ShouldBe(order[..perEpoch]);
        }
    }

    [Theory]
    [InlineData(0.25, 1, 2)] // 70 images in batches of 8: 8 batches per epoch, a quarter is 2
    [InlineData(1.0, 1, 8)]
    [InlineData(2.5, 3, 20)]
    public void A_fraction_of_an_epoch_runs_the_first_batches_of_the_next_shuffle(double epochs, int passes, int batches)
    {
        const int count = 70, batch = 8;
        var options = new TrainingOptions(9, 0.1f, BatchSize: batch, Seed: 11).ForEpochs(epochs, count);
        (options.Epochs, options.Batches).ShouldBe((passes, batches));
        var visits = new List<int>();
        var layer = new TrainableLayer("d", new float[Classes * Pixels], new float[Classes], new float[Classes * Pixels], new float[Classes]);

        var losses = MaskedTrainer.Train([layer], (pixels, labels, n) =>
        {
            visits.Add((int)Math.Round(pixels[0] * (count - 1)));
            return 1;
        }, Indexed(count), options);

        visits.Count.ShouldBe(batches);
        losses.ShouldBe(Enumerable.Repeat(1.0, passes)); // the mean over the batches each pass ran
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(11);
        var firsts = new List<int>();
        for (int e = 0; e < passes; e++)
        {
            random.Shuffle(order);
            firsts.AddRange(order.Chunk(batch).Take(Math.Min(8, batches - (e * 8))).Select(c => c[0]));
        }

        visits.ShouldBe(firsts);
    }

    [Fact]
    public void Batches_that_leave_a_pass_empty_are_rejected()
    {
        var layer = new TrainableLayer("d", new float[2], new float[1], new float[2], new float[1]);
        Should.Throw<ArgumentException>(() => MaskedTrainer.Train([layer], (_, _, _) => 0, Indexed(16), new TrainingOptions(3, 0.1f, BatchSize: 8) { Batches = 3 }))
            .Message.ShouldContain("use TrainingOptions.ForEpochs");
        Should.Throw<ArgumentOutOfRangeException>(() => new TrainingOptions(1, 0.1f).ForEpochs(0, 100));
    }

    [Fact]
    public void A_learning_rate_schedule_is_applied_per_epoch()
    {
        ImageSet train = HalfBright(new Random(8), 64);
        float[] frozen = Enumerable.Range(0, Classes * Pixels).Select(i => (float)Math.Cos(i)).ToArray();
        float[] expected = (float[])frozen.Clone();

        // A rate of 0 in every epoch leaves the weights as they were.
        Train(train, frozen, keep: null, new TrainingOptions(2, 0.5f, BatchSize: 16) { LearningRateOfEpoch = _ => 0f });

        frozen.ShouldBe(expected);
    }

    [Fact]
    public void Too_few_images_or_epochs_are_rejected()
    {
        var layer = new TrainableLayer("d", new float[2], new float[1], new float[2], new float[1]);
        Should.Throw<ArgumentException>(() => MaskedTrainer.Train([layer], (_, _, _) => 0, Indexed(5), new TrainingOptions(1, 0.1f, BatchSize: 8)))
            .Message.ShouldContain("fewer than one batch of 8");
        Should.Throw<ArgumentOutOfRangeException>(() => MaskedTrainer.Train([layer], (_, _, _) => 0, Indexed(16), new TrainingOptions(0, 0.1f)));
        Should.Throw<ArgumentException>(() => new TrainableLayer("d", new float[2], new float[1], new float[2], new float[1], keep: new bool[3]))
            .Message.ShouldContain("keep-mask has 3 entries but there are 2 weights");
    }

    private static double[] Train(ImageSet train, float[] w, bool[]? keep, TrainingOptions options, Action<int, double>? onEpoch = null)
    {
        var b = new float[Classes];
        var layer = new TrainableLayer("d", w, b, new float[w.Length], new float[Classes], keep);
        int batch = options.BatchSize;
        var logits = new float[batch * Classes];
        var probabilities = new float[batch * Classes];
        var gradLogits = new float[batch * Classes];
        return MaskedTrainer.Train([layer], (pixels, labels, n) =>
        {
            Dense.Forward(pixels, w, b, logits, n, Pixels, Classes);
            double loss = SoftmaxCrossEntropy.Forward(logits, labels, n, Classes, probabilities);
            SoftmaxCrossEntropy.Backward(probabilities, labels, gradLogits, n, Classes);
            Dense.Backward(pixels, w, gradLogits, Span<float>.Empty, layer.WeightGradient, layer.BiasGradient, n, Pixels, Classes);
            return loss;
        }, train, options, onEpoch);
    }

    // Class 0: the top half is brighter; class 1: the bottom half.
    private static ImageSet HalfBright(Random random, int count)
    {
        var pixels = new float[count * Pixels];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = (byte)(n % 2);
            for (int p = 0; p < Pixels; p++)
            {
                bool top = p < Pixels / 2;
                double level = top == (labels[n] == 0) ? 0.6 : 0.2;
                pixels[n * Pixels + p] = (float)(level + 0.3 * random.NextDouble());
            }
        }

        return new ImageSet(pixels, labels, Side, Side, "half-bright");
    }

    // Image n has first pixel n / (count - 1), so a batch tells which images it holds.
    private static ImageSet Indexed(int count)
    {
        var pixels = new float[count * Pixels];
        for (int n = 0; n < count; n++)
        {
            pixels[n * Pixels] = count == 1 ? 0 : (float)n / (count - 1);
        }

        return new ImageSet(pixels, new byte[count], Side, Side, "indexed", Classes);
    }
}
