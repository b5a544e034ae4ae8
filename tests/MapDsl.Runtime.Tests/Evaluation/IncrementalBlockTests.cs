using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Tests.Engine.Graph;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Evaluation;

/// <summary>
/// <see cref="IncrementalEvaluator"/> on a network with residual blocks and batch norms (<see cref="BlockNet"/>, norms
/// with non-trivial running statistics): a trial starting at a body layer, the shortcut layer, a layer after the block
/// (in an identity-shortcut block, and the final dense) or the first layer must give the logits and counts of a
/// from-scratch <see cref="NetworkGraph.Run"/> of the changed weights, whether the first changed layer is corrected
/// sparsely or recomputed, or the trial restarts from the input depth-first (<see cref="RestartPolicy"/>). Chunks of
/// 16 over 40 images leave a partial last chunk.
/// </summary>
public sealed class IncrementalBlockTests
{
    private const int Count = 40, ChunkSize = 16;

    // Weighted layers: 0 stem, 1 r1.a (body, stride 2), 2 r1.b (body), 3 r1.s (1x1 stride-2 shortcut),
    // 4 r2.a (body of the identity block after r1), 5 fc.
    public static TheoryData<int, bool> Layers()
    {
        var data = new TheoryData<int, bool>();
        foreach (int layer in new[] { 1, 2, 3, 4, 5, 0 })
        {
            data.Add(layer, true);
            data.Add(layer, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Changes_in_one_layer_give_the_logits_of_a_full_forward_pass(int layer, bool sparse)
    {
        var setup = new Setup();
        setup.Evaluator.ForceSparse = sparse;
        var random = new Random(200 + layer);

        for (int trial = 0; trial < 3; trial++)
        {
            var changes = setup.Changes(random, (layer, 1 + trial * 3));
            setup.Evaluator.UsesSparseCorrection(layer, 1).ShouldBe(sparse);
            setup.ShouldMatchReference(changes, $"layer {BlockNet.LayerNames[layer]}, sparse {sparse}, trial {trial}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Changes_in_several_layers_at_once_give_the_logits_of_a_full_forward_pass(bool sparse)
    {
        var setup = new Setup();
        setup.Evaluator.ForceSparse = sparse;
        var random = new Random(210);

        setup.ShouldMatchReference(setup.Changes(random, (2, 3), (3, 2)), "body and shortcut");
        setup.ShouldMatchReference(setup.Changes(random, (3, 2), (4, 5)), "shortcut and the next block");
        setup.ShouldMatchReference(setup.Changes(random, (0, 4), (3, 1), (5, 2)), "first, shortcut and last");
        setup.ShouldMatchReference(setup.Changes(random, (1, 2), (2, 2), (3, 2), (4, 2)), "every block layer");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(null)]
    public void Trials_starting_at_different_layers_share_one_workspace_without_traces(bool? sparse)
    {
        // Each trial leaves faulty activations in the workspace's buffers; the next, starting elsewhere (inside a block,
        // in the shortcut, before the block), must not read them.
        var setup = new Setup();
        setup.Evaluator.ForceSparse = sparse;
        var random = new Random(230);
        var workspace = setup.Evaluator.CreateWorkspace();

        foreach (int layer in new[] { 0, 3, 1, 4, 2, 5, 3, 2 })
        {
            setup.ShouldMatchReference(setup.Changes(random, (layer, 2)), $"{BlockNet.LayerNames[layer]} after other trials", workspace);
        }
    }

    [Fact]
    public void Trials_whose_first_change_leaves_most_of_the_network_restart_from_the_input_and_match()
    {
        // Layers 0-2 are followed by most of BlockNet's multiply-adds, the last ones by little (RestartPolicy).
        var setup = new Setup(restarts: true);
        var restarting = Enumerable.Range(0, 6).Where(setup.Evaluator.RestartsFromInput).ToList();
        restarting.ShouldContain(0);
        restarting.ShouldNotContain(5);
        var random = new Random(250);
        var workspace = setup.Evaluator.CreateWorkspace();

        // Restarting and incremental trials alternate on one workspace: neither may read what the other left there.
        foreach (int layer in new[] { 0, 5, 1, 4, 2, 3, 0 })
        {
            setup.ShouldMatchReference(setup.Changes(random, (layer, 3)), $"{BlockNet.LayerNames[layer]}, restarts {setup.Evaluator.RestartsFromInput(layer)}", workspace);
        }

        setup.ShouldMatchReference(setup.Changes(random, (1, 2), (3, 2), (5, 1)), "several layers from a restarting one");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_changed_bias_inside_a_block_recomputes_the_layer_and_matches(int layer)
    {
        var setup = new Setup();
        setup.Evaluator.ForceSparse = true;
        var changes = new WeightChanges?[6];
        var set = new WeightChanges();
        set.Add(setup.Parameters.Weights[layer].Length + 1, 0.75f); // parameter index past the weights: bias 1
        set.Add(0, -0.4f);
        changes[layer] = set;

        setup.ShouldMatchReference(changes, $"bias of {BlockNet.LayerNames[layer]}");
    }

    [Fact]
    public void Without_changes_the_clean_logits_are_those_of_the_graph_with_the_running_statistics()
    {
        var setup = new Setup();
        float[] expected = setup.Reference(setup.Parameters.Weights, setup.Parameters.Biases);
        double[] reference = BlockNet.Logits(TestTensors.ToDouble(setup.Pixels), Count, BlockNet.ToReference(setup.Parameters), training: false);
        var actual = new float[expected.Length];

        setup.Evaluator.Logits(new WeightChanges?[6], setup.Evaluator.CreateWorkspace(), actual);

        Close.ShouldMatch(actual, [.. expected.Select(v => (double)v)], 1e-5, "clean logits");
        Close.ShouldMatch(actual, reference, 1e-5, "clean logits against the float64 reference");
        setup.Evaluator.CleanCorrect.ShouldBe(SoftmaxCrossEntropy.CountCorrect(expected, setup.Labels, Count, BlockNet.Classes));
    }

    [Fact]
    public void The_evaluator_keeps_its_own_copy_of_the_batch_norms()
    {
        var setup = new Setup();
        var changes = setup.Changes(new Random(220), (3, 2));
        var before = new float[Count * BlockNet.Classes];
        setup.Evaluator.Logits(changes, setup.Evaluator.CreateWorkspace(), before);

        foreach (var norm in setup.Parameters.Norms)
        {
            Array.Fill(norm.RunningMean, 5f); // the caller's norms change after construction
        }

        var after = new float[before.Length];
        setup.Evaluator.Logits(changes, setup.Evaluator.CreateWorkspace(), after);
        after.ShouldBe(before);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void A_block_on_the_network_input_takes_the_cached_input_for_its_identity_shortcut(int layer, bool sparse)
    {
        // r0's addition reads the network input (-1): a trial in r0 must put the cached pixels back into the
        // workspace's input buffer.
        var graph = new NetworkGraph(
            2, 4, 4,
            new ResidualBlock("r0", [new Conv2dStep("r0.a", 0, 2, 4, 4, 4, 3, 3, 1, 1), new ReluStep(64), new Conv2dStep("r0.b", 1, 4, 4, 4, 2, 3, 3, 1, 1)], []),
            new ReluStep(32),
            new GlobalAvgPoolStep(2, 4, 4),
            new DenseStep("fc", 2, 2, 3));
        graph.LiveBefore(1).ShouldBe([-1, 0]);
        var random = new Random(240);
        float[] pixels = TestTensors.Uniform(random, Count * 32);
        byte[] labels = [.. Enumerable.Range(0, Count).Select(i => (byte)(i % 3))];
        float[][] weights = [TestTensors.Uniform(random, 72, 0.5), TestTensors.Uniform(random, 72, 0.5), TestTensors.Uniform(random, 6)];
        float[][] biases = [TestTensors.Uniform(random, 4, 0.2), TestTensors.Uniform(random, 2, 0.2), TestTensors.Uniform(random, 3, 0.2)];
        var evaluator = new IncrementalEvaluator(graph, pixels, labels, weights, biases, ChunkSize) { ForceSparse = sparse };
        var changes = new WeightChanges?[3];
        changes[layer] = new WeightChanges();
        changes[layer]!.Add(1, weights[layer][1] + 1.5f);
        changes[layer]!.Add(5, -weights[layer][5] - 0.5f);
        float[][] changed = [.. weights.Select(w => (float[])w.Clone())];
        changed[layer][1] += 1.5f;
        changed[layer][5] = -weights[layer][5] - 0.5f;
        float[] expected = graph.Run(pixels, Count, changed, biases, graph.CreateWorkspace(Count)).ToArray();
        var actual = new float[expected.Length];

        evaluator.Logits(changes, evaluator.CreateWorkspace(), actual);

        Close.ShouldMatch(actual, [.. expected.Select(v => (double)v)], 1e-5, $"layer {layer}, sparse {sparse}");
        evaluator.CountCorrect(changes).ShouldBe(SoftmaxCrossEntropy.CountCorrect(expected, labels, Count, 3));
    }

    private sealed class Setup
    {
        /// <param name="restarts">Whether trials may restart from the input depth-first; the other tests pin the incremental path.</param>
        public Setup(bool restarts = false)
        {
            var random = new Random(190);
            Parameters = BlockNet.Random(random);
            Pixels = TestTensors.Uniform(random, Count * BlockNet.InputLength);
            Graph = BlockNet.Build();
            var clean = Graph.Run(Pixels, Count, Parameters.Weights, Parameters.Biases, Graph.CreateWorkspace(Count), Parameters.Norms).ToArray();

            // Half the labels are the clean prediction, half another class: changes can win and lose images.
            Labels = [.. Enumerable.Range(0, Count).Select(i => (byte)((SoftmaxCrossEntropy.ArgMax(clean.AsSpan(i * BlockNet.Classes, BlockNet.Classes)) + (i % 2)) % BlockNet.Classes))];
            Evaluator = new IncrementalEvaluator(Graph, Pixels, Labels, Parameters.Weights, Parameters.Biases, ChunkSize, Parameters.Norms)
            {
                ForceLayerByLayer = !restarts,
            };
        }

        public BlockNet.Parameters Parameters { get; }

        public float[] Pixels { get; }

        public byte[] Labels { get; }

        public NetworkGraph Graph { get; }

        public IncrementalEvaluator Evaluator { get; }

        /// <summary>Distinct random weights per (layer, count), each set to a value within ±2·max|w| of its layer.</summary>
        public WeightChanges?[] Changes(Random random, params (int Layer, int Count)[] layers)
        {
            var changes = new WeightChanges?[6];
            foreach (var (layer, count) in layers)
            {
                var clean = Parameters.Weights[layer];
                var scale = 2 * clean.Max(Math.Abs);
                var set = new WeightChanges();
                foreach (var index in Enumerable.Range(0, clean.Length).OrderBy(_ => random.Next()).Take(count))
                {
                    set.Add(index, (float)((random.NextDouble() * 2 - 1) * scale));
                }

                changes[layer] = set;
            }

            return changes;
        }

        /// <summary>From-scratch inference logits of the whole set with these weights, in one batch.</summary>
        public float[] Reference(float[][] weights, float[][] biases) =>
            Graph.Run(Pixels, Count, weights, biases, Graph.CreateWorkspace(Count), Parameters.Norms).ToArray();

        public void ShouldMatchReference(IReadOnlyList<WeightChanges?> changes, string what, IncrementalWorkspace? workspace = null)
        {
            float[][] weights = [.. Parameters.Weights.Select(w => (float[])w.Clone())];
            float[][] biases = [.. Parameters.Biases.Select(b => (float[])b.Clone())];
            for (int layer = 0; layer < changes.Count; layer++)
            {
                if (changes[layer] is not { } set)
                {
                    continue;
                }

                for (int j = 0; j < set.Count; j++)
                {
                    int index = set.Indices[j];
                    if (index < weights[layer].Length)
                    {
                        weights[layer][index] = set.Values[j];
                    }
                    else
                    {
                        biases[layer][index - weights[layer].Length] = set.Values[j];
                    }
                }
            }

            float[] expected = Reference(weights, biases);
            float[] clean = Reference(Parameters.Weights, Parameters.Biases);
            expected.ShouldNotBe(clean, $"{what}: the changes must change the logits for the test to mean anything");
            workspace ??= Evaluator.CreateWorkspace();
            var actual = new float[expected.Length];

            Evaluator.Logits(changes, workspace, actual);
            int correct = Evaluator.CountCorrect(changes, workspace);
            int pooled = Evaluator.CountCorrect(changes);

            Close.ShouldMatch(actual, [.. expected.Select(v => (double)v)], 1e-5, what);
            correct.ShouldBe(SoftmaxCrossEntropy.CountCorrect(expected, Labels, Count, BlockNet.Classes), what);
            pooled.ShouldBe(correct, what);
        }
    }
}
