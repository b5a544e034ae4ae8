using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Tests.Engine.Layers;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Engine.Graph;

/// <summary>
/// <see cref="BatchNormFolding"/>: folding a batch norm with non-trivial running statistics into the conv or dense layer
/// before it leaves the inference logits unchanged to float rounding; the folded weights are w·γ/√(σ² + ε) and the
/// biases (b − μ)·γ/√(σ² + ε) + β, computed in float64 here; a batch norm after a ReLU stays digital; folded batch norms
/// refuse to be folded again or trained.
/// </summary>
public sealed class BatchNormFoldingTests
{
    private const int Batch = 6;

    public static TheoryData<string> Networks => new() { "conv", "dense" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Folded_weights_give_the_unfolded_inference_logits(string network)
    {
        var (graph, weights, x) = Network(network);
        var unfolded = graph.Run(x, Batch, weights.Weights, weights.Biases, graph.CreateWorkspace(Batch), weights.Norms).ToArray();
        var original = Copy(graph, weights);

        BatchNormFolding.FoldInPlace(graph, weights);

        foreach (var step in graph.NormSteps)
        {
            weights.Norms[step.NormIndex].IsFolded.ShouldBe(step.FoldsInto >= 0, step.Name);
        }

        weights.Weights.Zip(original.Weights).ShouldContain(pair => !pair.First.SequenceEqual(pair.Second), "folding changes some weights");
        var folded = graph.Run(x, Batch, weights.Weights, weights.Biases, graph.CreateWorkspace(Batch), weights.Norms);
        Close.ShouldMatch(folded, [.. unfolded.Select(v => (double)v)], 1e-5, $"{network} logits after folding");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Each_foldable_batch_norm_scales_its_layers_output_channels_and_shifts_its_biases(string network)
    {
        var (graph, weights, _) = Network(network);
        var original = Copy(graph, weights);

        BatchNormFolding.FoldInPlace(graph, weights);

        for (int k = 0; k < graph.WeightedLayerCount; k++)
        {
            var norm = graph.NormSteps.FirstOrDefault(step => step.FoldsInto == k);
            if (norm is null)
            {
                weights.Weights[k].ShouldBe(original.Weights[k], $"layer {k} has no batch norm to fold");
                weights.Biases[k].ShouldBe(original.Biases[k]);
                continue;
            }

            var parameters = original.Norms[norm.NormIndex];
            int channels = parameters.Channels, perChannel = original.Weights[k].Length / channels;
            double Scale(int c) => parameters.Gamma[c] / Math.Sqrt(parameters.RunningVar[c] + ReferenceLayers.BatchNormEpsilon);
            Close.ShouldMatch(weights.Weights[k], [.. original.Weights[k].Select((w, i) => w * Scale(i / perChannel))], 1e-6, $"layer {k} folded weights");
            Close.ShouldMatch(
                weights.Biases[k], [.. original.Biases[k].Select((b, c) => (b - parameters.RunningMean[c]) * Scale(c) + parameters.Beta[c])], 1e-6, $"layer {k} folded biases");
        }
    }

    [Fact]
    public void Folding_twice_changes_nothing_the_second_time()
    {
        var (graph, weights, _) = Network("conv");
        BatchNormFolding.FoldInPlace(graph, weights);
        var once = Copy(graph, weights);

        BatchNormFolding.FoldInPlace(graph, weights);

        for (int k = 0; k < graph.WeightedLayerCount; k++)
        {
            weights.Weights[k].ShouldBe(once.Weights[k]);
            weights.Biases[k].ShouldBe(once.Biases[k]);
        }
    }

    [Fact]
    public void Fold_refuses_a_batch_norm_that_is_already_folded_and_leaves_the_layer()
    {
        var norm = new BatchNormParameters("c_bn", 2) { IsFolded = true };
        float[] weights = [1f, 2f, 3f, 4f], bias = [0.5f, -0.5f];

        var error = Should.Throw<InvalidOperationException>(() => BatchNormFolding.Fold(weights, bias, norm));

        error.Message.ShouldContain("'c_bn'");
        error.Message.ShouldContain("already folded");
        weights.ShouldBe([1f, 2f, 3f, 4f]);
        bias.ShouldBe([0.5f, -0.5f]);
    }

    [Fact]
    public void A_folded_batch_norm_refuses_training_mode_naming_itself()
    {
        var (graph, weights, x) = Network("conv");
        BatchNormFolding.FoldInPlace(graph, weights);
        var workspace = graph.CreateWorkspace(Batch, forTraining: true);

        var error = Should.Throw<InvalidOperationException>(() => graph.Run(x, Batch, weights.Weights, weights.Biases, workspace, weights.Norms, training: true));

        error.Message.ShouldContain("'c_bn'");
        error.Message.ShouldContain("folded");
    }

    [Fact]
    public void Folded_copies_the_weights_of_a_generated_network_and_leaves_the_original()
    {
        var weights = new BlockNetWeights(BlockNet.Random(new Random(141)));
        var original = weights.Clone();

        var folded = BatchNormFolding.Folded(weights);

        folded.ShouldNotBeSameAs(weights);
        folded.Norms.ShouldAllBe(norm => norm.IsFolded);
        weights.Norms.ShouldAllBe(norm => !norm.IsFolded);
        for (int k = 0; k < weights.Weights.Length; k++)
        {
            weights.Weights[k].ShouldBe(original.Weights[k]);
            weights.Biases[k].ShouldBe(original.Biases[k]);
        }

        BatchNormFolding.Folded(folded).ShouldBeSameAs(folded, "nothing left to fold");
        var x = TestTensors.Uniform(new Random(142), 4 * BlockNet.InputLength);
        var model = BlockNetWeights.CreateModel(4);
        float[] expected = model.Forward(x, 4, weights).ToArray();
        Close.ShouldMatch(model.Forward(x, 4, folded), [.. expected.Select(v => (double)v)], 1e-5, "logits of the folded copy");
    }

    // conv: input 2 x 5 x 5 -> conv c 3 kernel 3x3 pad 1 -> batchnorm c_bn (folds into c) -> relu -> batchnorm d_bn (digital)
    //       -> global-avgpool -> dense f 4
    // dense: input 6 -> dense h 8 -> batchnorm h_bn (folds into h) -> relu -> dense o 4 -> batchnorm o_bn (folds into o)
    private static (NetworkGraph Graph, TestWeights Weights, float[] X) Network(string network)
    {
        var random = new Random(network == "conv" ? 151 : 152);
        NetworkGraph graph = network == "conv"
            ? new NetworkGraph(
                2, 5, 5,
                new Conv2dStep("c", 0, 2, 5, 5, 3, 3, 3, 1, 1),
                new BatchNormStep("c_bn", 0, 3, 25, 0),
                new ReluStep(75),
                new BatchNormStep("d_bn", 1, 3, 25, -1),
                new GlobalAvgPoolStep(3, 5, 5),
                new DenseStep("f", 1, 3, 4))
            : new NetworkGraph(
                6, 1, 1,
                new DenseStep("h", 0, 6, 8),
                new BatchNormStep("h_bn", 0, 8, 1, 0),
                new ReluStep(8),
                new DenseStep("o", 1, 8, 4),
                new BatchNormStep("o_bn", 1, 4, 1, 1));
        float[][] weights = [.. graph.WeightedSteps.Select(step => TestTensors.Uniform(random, step is Conv2dStep c ? c.WeightCount : ((DenseStep)step).WeightCount, 0.6))];
        float[][] biases = [.. graph.WeightedSteps.Select(step => TestTensors.Uniform(random, step is Conv2dStep c ? c.OutChannels : step.OutputLength, 0.3))];
        BatchNormParameters[] norms = [.. graph.NormSteps.Select(step =>
        {
            var norm = new BatchNormParameters(step.Name, step.Channels);
            for (int c = 0; c < step.Channels; c++)
            {
                norm.Gamma[c] = (float)((random.NextDouble() * 2 - 1) * 1.5); // negative γ flips a channel
                norm.Beta[c] = (float)(random.NextDouble() - 0.5);
                norm.RunningMean[c] = (float)(random.NextDouble() - 0.5);
                norm.RunningVar[c] = (float)(0.05 + random.NextDouble() * 3);
            }

            return norm;
        })];
        return (graph, new TestWeights(graph, weights, biases, norms), TestTensors.Uniform(random, Batch * graph.InputLength));
    }

    private static TestWeights Copy(NetworkGraph graph, TestWeights weights) => new(
        graph, [.. weights.Weights.Select(w => (float[])w.Clone())], [.. weights.Biases.Select(b => (float[])b.Clone())], [.. weights.NormArray.Select(n => n.Clone())]);
}
