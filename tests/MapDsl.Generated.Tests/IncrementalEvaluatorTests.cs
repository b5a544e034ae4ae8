using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Evaluation;

namespace MapDsl.Generated.Tests;

/// <summary>
/// <see cref="IncrementalEvaluator"/> against a from-scratch forward pass of the generated LeNet-5 model with the
/// faulty weights, on the shipped model and the 1000 shipped test images: changes in one layer (sparse correction),
/// in several layers, so many that the layer is recomputed, and none; and two threads at once.
/// </summary>
/// <remarks>
/// A sparse correction sums in a different order than the GEMM, so logits agree to float rounding, not bit for bit;
/// a prediction may then differ only where the reference's two largest logits are that close. A recomputed layer
/// makes the same kernel calls as the model, so that path is checked bit for bit.
/// </remarks>
public class IncrementalEvaluatorTests : IClassFixture<IncrementalEvaluatorTests.LeNetSetup>
{
    private const int Classes = 10;

    private readonly LeNetSetup _setup;

    public IncrementalEvaluatorTests(LeNetSetup setup) => _setup = setup;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 10)]
    [InlineData(1, 1)]
    [InlineData(1, 10)]
    [InlineData(2, 10)]
    [InlineData(3, 10)]
    [InlineData(4, 10)]
    public void Sparse_changes_in_one_layer_match_a_full_forward_pass(int layer, int count)
    {
        var changes = _setup.Changes(new Random(100 + (layer * 10) + count), (layer, count));

        _setup.Evaluator.UsesSparseCorrection(layer, count).ShouldBeTrue();
        _setup.ShouldMatchReference(changes, bitExact: false);
    }

    [Fact]
    public void Changes_in_several_layers_at_once_match_a_full_forward_pass()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 3; trial++)
        {
            _setup.ShouldMatchReference(_setup.Changes(random, (1, 5), (2, 20), (4, 3)), bitExact: false);
            _setup.ShouldMatchReference(_setup.Changes(random, (0, 3), (3, 10)), bitExact: false);
        }
    }

    [Theory]
    [InlineData(0, 140)]
    [InlineData(1, 2000)]
    [InlineData(2, 20000)]
    public void So_many_changes_that_the_layer_is_recomputed_give_the_models_logits_bit_for_bit(int layer, int count)
    {
        var changes = _setup.Changes(new Random(layer), (layer, count), (4, 5));

        _setup.Evaluator.UsesSparseCorrection(layer, count).ShouldBeFalse();
        _setup.ShouldMatchReference(changes, bitExact: true);
    }

    [Fact]
    public void No_changes_give_the_clean_count_without_computing()
    {
        var expected = LeNetSetup.CountCorrect(_setup.ReferenceLogits(_setup.Clean), _setup.Images.Labels);
        var none = new WeightChanges?[Lab.LeNet.LeNet5.WeightedLayerCount];
        var empty = Enumerable.Range(0, Lab.LeNet.LeNet5.WeightedLayerCount).Select(_ => (WeightChanges?)new WeightChanges()).ToArray();

        _setup.Evaluator.CleanCorrect.ShouldBe(expected);
        _setup.Evaluator.CountCorrect(none).ShouldBe(expected);
        _setup.Evaluator.CountCorrect(empty, _setup.Evaluator.CreateWorkspace()).ShouldBe(expected);
        _setup.ShouldMatchReference(none, bitExact: true);
    }

    [Fact]
    public void A_trial_leaves_the_workspace_clean_for_the_next()
    {
        var workspace = _setup.Evaluator.CreateWorkspace();
        var clean = _setup.Evaluator.CountCorrect(new WeightChanges?[5], workspace);
        var faulty = _setup.Changes(new Random(3), (2, 20000), (3, 500));

        _setup.Evaluator.CountCorrect(faulty, workspace);
        var afterwards = _setup.Changes(new Random(4), (4, 1));
        _setup.Evaluator.CountCorrect(afterwards, workspace).ShouldBe(_setup.Evaluator.CountCorrect(afterwards, _setup.Evaluator.CreateWorkspace()));
        clean.ShouldBe(_setup.Evaluator.CleanCorrect);
    }

    [Fact]
    public void Two_threads_evaluating_at_once_give_the_sequential_results()
    {
        var random = new Random(11);
        var trials = Enumerable.Range(0, 24)
            .Select(i => _setup.Changes(random, (i % 5, 1 + (i % 7)), ((i + 2) % 5, 3)))
            .ToArray();
        var sequential = trials.Select(t => _setup.Evaluator.CountCorrect(t)).ToArray();

        var concurrent = new int[trials.Length];
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(worker => new Thread(() =>
        {
            var workspace = _setup.Evaluator.CreateWorkspace();
            start.SignalAndWait();
            for (var repeat = 0; repeat < 2; repeat++)
            {
                for (var i = worker; i < trials.Length; i += 2)
                {
                    concurrent[i] = repeat == 0 ? _setup.Evaluator.CountCorrect(trials[i], workspace) : _setup.Evaluator.CountCorrect(trials[i]);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        concurrent.ShouldBe(sequential);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_layer_named()
    {
        var evaluator = _setup.Evaluator;
        var outOfRange = new WeightChanges();
        // Parameter indices run over the weights, then the biases: one past the last bias is out of range.
        outOfRange.Add(Lab.LeNet.LeNet5.C2.WeightCount + Lab.LeNet.LeNet5.C2.BiasCount, 1f);

        Should.Throw<ArgumentException>(() => evaluator.CountCorrect(new WeightChanges?[4])).Message.ShouldContain("5 weighted layers");
        Should.Throw<ArgumentException>(() => evaluator.CountCorrect([null, outOfRange, null, null, null])).Message.ShouldContain("conv c2");
        evaluator.CacheBytes.ShouldBe(4L * 1000 * (784 + 4704 + 1176 + 1600 + 400 + 120 + 120 + 84 + 84 + 10 + 10));
    }

    [Fact]
    public void A_strided_padded_conv_is_corrected_like_a_recomputation()
    {
        // No example network has a stride; this hand-made one checks the window arithmetic of the conv correction.
        var graph = new NetworkGraph(
            2, 9, 11,
            new Conv2dStep("a", 0, 2, 9, 11, 3, 3, 4, 2, 1),
            new ReluStep(3 * 5 * 5),
            new DenseStep("b", 1, 75, 4));
        var random = new Random(5);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var pixels = Values(40 * 2 * 9 * 11);
        var labels = Enumerable.Range(0, 40).Select(i => (byte)(i % 4)).ToArray();
        float[][] weights = [Values(3 * 2 * 3 * 4), Values(4 * 75)];
        float[][] biases = [Values(3), Values(4)];
        var evaluator = new IncrementalEvaluator(graph, pixels, labels, weights, biases, chunkSize: 16);
        var workspace = evaluator.CreateWorkspace();

        foreach (var index in Enumerable.Range(0, weights[0].Length))
        {
            var change = new WeightChanges();
            change.Add(index, weights[0][index] + 1.5f);
            evaluator.UsesSparseCorrection(0, 1).ShouldBeTrue();
            var actual = new float[40 * 4];
            evaluator.Logits([change, null], workspace, actual);

            var faulty = (float[])weights[0].Clone();
            faulty[index] += 1.5f;
            var expected = graph.Run(pixels, 40, [faulty, weights[1]], biases, graph.CreateWorkspace(40)).ToArray();
            for (var i = 0; i < actual.Length; i++)
            {
                actual[i].ShouldBe(expected[i], 1e-5, $"weight {index}, logit {i}");
            }
        }
    }

    /// <summary>The shipped LeNet-5, the 1000 shipped test images, and one evaluator over them, shared by the tests.</summary>
    public sealed class LeNetSetup
    {
        public LeNetSetup()
        {
            Images = Datasets.FashionTest().Take(1000);
            Clean = Lab.LeNet.LeNet5.Weights.LoadSafetensors(ModelFiles.Path("lenet5"));
            var names = Lab.LeNet.LeNet5.WeightedLayerNames;
            Evaluator = new IncrementalEvaluator(
                Lab.LeNet.LeNet5.Graph, Images.Pixels, Images.Labels, names.Select(Clean.WeightsOf).ToList(), names.Select(Clean.BiasOf).ToList());
        }

        public ImageSet Images { get; }

        public Lab.LeNet.LeNet5.Weights Clean { get; }

        public IncrementalEvaluator Evaluator { get; }

        /// <summary>Distinct random weights per (layer, count), each set to a value in ±2·max|w| of its layer: a stuck or flipped cell.</summary>
        public WeightChanges?[] Changes(Random random, params (int Layer, int Count)[] layers)
        {
            var changes = new WeightChanges?[Lab.LeNet.LeNet5.WeightedLayerCount];
            foreach (var (layer, count) in layers)
            {
                var clean = Clean.WeightsOf(Lab.LeNet.LeNet5.WeightedLayerNames[layer]);
                var scale = 2 * clean.Max(Math.Abs);
                var set = new WeightChanges();
                foreach (var index in Enumerable.Range(0, clean.Length).OrderBy(_ => random.Next()).Take(count))
                {
                    set.Add(index, (float)(((random.NextDouble() * 2) - 1) * scale));
                }

                changes[layer] = set;
            }

            return changes;
        }

        /// <summary>Logits of the generated model with the given weights, [1000, 10], in batches of 250.</summary>
        public float[] ReferenceLogits(Lab.LeNet.LeNet5.Weights weights)
        {
            var model = new Lab.LeNet.LeNet5.Model(250);
            var logits = new float[Images.Count * Classes];
            for (var start = 0; start < Images.Count; start += 250)
            {
                var part = Images.Slice(start, 250);
                model.Forward(part.Pixels, 250, weights).CopyTo(logits.AsSpan(start * Classes));
            }

            return logits;
        }

        public void ShouldMatchReference(IReadOnlyList<WeightChanges?> changes, bool bitExact)
        {
            var faulty = Clean.Clone();
            for (var layer = 0; layer < changes.Count; layer++)
            {
                if (changes[layer] is { } set)
                {
                    var weights = faulty.WeightsOf(Lab.LeNet.LeNet5.WeightedLayerNames[layer]);
                    for (var j = 0; j < set.Count; j++)
                    {
                        weights[set.Indices[j]] = set.Values[j];
                    }
                }
            }

            var expected = ReferenceLogits(faulty);
            var actual = new float[expected.Length];
            Evaluator.Logits(changes, Evaluator.CreateWorkspace(), actual);
            var count = Evaluator.CountCorrect(changes, Evaluator.CreateWorkspace());

            count.ShouldBe(CountCorrect(actual, Images.Labels), "CountCorrect and Logits disagree");
            if (bitExact)
            {
                actual.ShouldBe(expected);
                return;
            }

            for (var i = 0; i < actual.Length; i++)
            {
                actual[i].ShouldBe(expected[i], 1e-4 * (1 + Math.Abs(expected[i])), $"image {i / Classes}, class {i % Classes}");
            }

            // A prediction may flip only where the reference's top two logits are within that same rounding.
            var flipped = Enumerable.Range(0, Images.Count).Where(n => ArgMax(actual, n) != ArgMax(expected, n)).ToList();
            foreach (var n in flipped)
            {
                TopTwoGap(expected, n).ShouldBeLessThan(1e-4, $"image {n} changed its prediction without a near tie");
            }

            Math.Abs(count - CountCorrect(expected, Images.Labels)).ShouldBeLessThanOrEqualTo(flipped.Count);
            if (flipped.Count == 0)
            {
                count.ShouldBe(CountCorrect(expected, Images.Labels));
            }
        }

        public static int CountCorrect(float[] logits, byte[] labels) =>
            Enumerable.Range(0, labels.Length).Count(n => ArgMax(logits, n) == labels[n]);

        private static int ArgMax(float[] logits, int n) =>
            MapDsl.Runtime.Engine.Layers.SoftmaxCrossEntropy.ArgMax(logits.AsSpan(n * Classes, Classes));

        private static double TopTwoGap(float[] logits, int n)
        {
            var row = logits.Skip(n * Classes).Take(Classes).OrderByDescending(v => v).ToArray();
            return row[0] - row[1];
        }
    }
}
