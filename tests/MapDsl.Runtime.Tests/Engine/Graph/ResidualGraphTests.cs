using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Tests.Engine.Layers;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Engine.Graph;

/// <summary>
/// <see cref="NetworkGraph"/> with residual blocks, batch norms, global average pooling and dropout, on the
/// hand-built <see cref="BlockNet"/>: forward passes and every gradient (weights, biases, γ, β) against the float64
/// reference of the whole loss, in training mode (batch statistics) and inference mode (running statistics); the
/// flattened structure (sources, shortcuts, what is live); and seeded dropout in a graph.
/// </summary>
public sealed class ResidualGraphTests
{
    private const int Batch = 3;
    private static readonly byte[] Labels = [2, 0, 3];

    // The float64 reference gradients of the training-mode loss are costly; computed once for the tests that need them.
    private static readonly Lazy<Expected> TrainingReference = new(() => ExpectedOf(training: true));

    [Fact]
    public void Training_forward_gives_the_reference_logits_and_moves_each_running_statistic_by_its_own_batch_statistics()
    {
        var (graph, parameters, x) = Setup();
        var before = parameters.Copy();
        var statistics = new List<(double[] Mean, double[] Variance)>();
        double[] expected = BlockNet.Logits(TestTensors.ToDouble(x), Batch, BlockNet.ToReference(parameters), training: true, statistics);

        var logits = graph.Run(x, Batch, parameters.Weights, parameters.Biases, graph.CreateWorkspace(Batch, forTraining: true), parameters.Norms, training: true);

        Close.ShouldMatch(logits, expected, 1e-5, "training logits");
        statistics.Count.ShouldBe(5);
        for (int k = 0; k < 5; k++)
        {
            int count = Batch * BlockNet.Norms[k].Plane;
            var (mean, variance) = statistics[k];
            Close.ShouldMatch(parameters.Norms[k].RunningMean, [.. before.Norms[k].RunningMean.Select((m, c) => 0.9 * m + 0.1 * mean[c])], 1e-5, $"{BlockNet.Norms[k].Name} running mean");
            Close.ShouldMatch(
                parameters.Norms[k].RunningVar, [.. before.Norms[k].RunningVar.Select((v, c) => 0.9 * v + 0.1 * variance[c] * count / (count - 1))], 1e-5, $"{BlockNet.Norms[k].Name} running variance");
        }
    }

    [Fact]
    public void Inference_forward_gives_the_reference_logits_with_the_running_statistics_and_leaves_them()
    {
        var (graph, parameters, x) = Setup();
        var before = parameters.Copy();
        double[] expected = BlockNet.Logits(TestTensors.ToDouble(x), Batch, BlockNet.ToReference(parameters), training: false);

        var logits = graph.Run(x, Batch, parameters.Weights, parameters.Biases, graph.CreateWorkspace(Batch), parameters.Norms);

        Close.ShouldMatch(logits, expected, 1e-5, "inference logits");
        for (int k = 0; k < 5; k++)
        {
            parameters.Norms[k].RunningMean.ShouldBe(before.Norms[k].RunningMean);
            parameters.Norms[k].RunningVar.ShouldBe(before.Norms[k].RunningVar);
        }
    }

    [Fact]
    public void Training_backward_matches_central_differences_of_the_whole_loss()
    {
        var (graph, parameters, x) = Setup();
        var expected = TrainingReference.Value;

        var actual = Train(graph, parameters, x, training: true);

        actual.Loss.ShouldBe(expected.Loss, 1e-5);
        ShouldMatch(actual, expected);
    }

    [Fact]
    public void Inference_mode_backward_treats_the_running_statistics_as_constants()
    {
        var (graph, parameters, x) = Setup();
        var expected = ExpectedOf(training: false);

        var actual = Train(graph, parameters, x, training: false);

        actual.Loss.ShouldBe(expected.Loss, 1e-5);
        ShouldMatch(actual, expected);
    }

    [Fact]
    public void A_second_backward_pass_overwrites_rather_than_accumulates()
    {
        // The block input's gradient is the sum of both paths': the first writer overwrites, so a second pass with the
        // same buffers must give the same gradients again, not twice them.
        var (graph, parameters, x) = Setup();
        var workspace = graph.CreateWorkspace(Batch, forTraining: true);
        var first = Train(graph, parameters.Copy(), x, training: true, workspace);
        var second = Train(graph, parameters.Copy(), x, training: true, workspace);

        for (int k = 0; k < first.WeightGradients.Length; k++)
        {
            second.WeightGradients[k].ShouldBe(first.WeightGradients[k], $"{BlockNet.LayerNames[k]} weights");
            second.BiasGradients[k].ShouldBe(first.BiasGradients[k], $"{BlockNet.LayerNames[k]} biases");
        }

        for (int k = 0; k < first.NormGradients.Length; k++)
        {
            second.NormGradients[k].Gamma.ShouldBe(first.NormGradients[k].Gamma);
            second.NormGradients[k].Beta.ShouldBe(first.NormGradients[k].Beta);
        }
    }

    [Fact]
    public void GraphModel_Loss_writes_the_same_gradients_into_the_gradient_containers_weights_and_norms()
    {
        var (_, parameters, x) = Setup();
        var expected = TrainingReference.Value;
        var weights = new BlockNetWeights(parameters);
        var gradients = BlockNetWeights.Zero();
        var model = BlockNetWeights.CreateModel(Batch);
        float[] runningMean = (float[])parameters.Norms[2].RunningMean.Clone();

        double loss = model.Loss(x, Labels, Batch, weights, gradients);

        loss.ShouldBe(expected.Loss, 1e-5);
        ShouldMatch(new Result(loss, gradients.Weights, gradients.Biases, gradients.NormArray), expected);
        parameters.Norms[2].RunningMean.ShouldNotBe(runningMean, "training through the model updates the weights' running statistics");
    }

    [Fact]
    public void A_block_reading_the_network_input_needs_no_input_gradient()
    {
        // The first node is a block with an identity shortcut, the second a block with a conv shortcut: both read the
        // network's input (step -1), so its gradient is never written, and the add reads the raw input.
        var graph = new NetworkGraph(
            2, 4, 4,
            new ResidualBlock("r0", [new Conv2dStep("r0.a", 0, 2, 4, 4, 2, 3, 3, 1, 1)], []),
            new ReluStep(32),
            new ResidualBlock("r1", [new Conv2dStep("r1.a", 1, 2, 4, 4, 3, 3, 3, 2, 1)], [new Conv2dStep("r1.s", 2, 2, 4, 4, 3, 1, 1, 2, 0)]),
            new GlobalAvgPoolStep(3, 2, 2),
            new DenseStep("fc", 3, 3, 4));
        graph.ShortcutOf(1).ShouldBe(-1);
        var random = new Random(121);
        float[] x = TestTensors.Uniform(random, Batch * 32);
        float[][] weights = [TestTensors.Uniform(random, 36, 0.5), TestTensors.Uniform(random, 54, 0.5), TestTensors.Uniform(random, 6), TestTensors.Uniform(random, 12)];
        float[][] biases = [TestTensors.Uniform(random, 2, 0.2), TestTensors.Uniform(random, 3, 0.2), TestTensors.Uniform(random, 3, 0.2), TestTensors.Uniform(random, 4, 0.2)];
        var workspace = graph.CreateWorkspace(Batch, forTraining: true);
        var logits = graph.Run(x, Batch, weights, biases, workspace).ToArray();
        var probabilities = new float[logits.Length];
        double loss = SoftmaxCrossEntropy.Forward(logits, Labels, Batch, 4, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, Labels, workspace.Gradient(graph.Steps.Count - 1, Batch), Batch, 4);
        float[][] weightGradients = [.. weights.Select(w => TestTensors.Poisoned(w.Length))], biasGradients = [.. biases.Select(b => TestTensors.Poisoned(b.Length))];

        graph.Backward(x, Batch, weights, weightGradients, biasGradients, workspace);

        double[] xd = TestTensors.ToDouble(x);
        double[][] w = [.. weights.Select(TestTensors.ToDouble)], b = [.. biases.Select(TestTensors.ToDouble)];
        double Loss()
        {
            double[] r0 = ReferenceLayers.Relu(ReferenceLayers.Add(ReferenceLayers.Conv(xd, w[0], b[0], Batch, 2, 4, 4, 2, 3, 3, 1, 1), xd));
            double[] r1 = ReferenceLayers.Add(
                ReferenceLayers.Conv(r0, w[1], b[1], Batch, 2, 4, 4, 3, 3, 3, 2, 1), ReferenceLayers.Conv(r0, w[2], b[2], Batch, 2, 4, 4, 3, 1, 1, 2, 0));
            double[] z = ReferenceLayers.Dense(ReferenceLayers.GlobalAvgPool(r1, Batch * 3, 4), w[3], b[3], Batch, 3, 4);
            return ReferenceLayers.SoftmaxCrossEntropy(z, Labels, Batch, 4);
        }

        loss.ShouldBe(Loss(), 1e-5);
        for (int k = 0; k < 4; k++)
        {
            Close.ShouldMatch(weightGradients[k], NumericGradient.Of(_ => Loss(), w[k], 1e-6), 1e-5, $"layer {k} weights");
            Close.ShouldMatch(biasGradients[k], NumericGradient.Of(_ => Loss(), b[k], 1e-6), 1e-5, $"layer {k} biases");
        }
    }

    [Fact]
    public void Steps_read_their_sources_the_addition_also_its_shortcut()
    {
        var graph = BlockNet.Build();

        graph.Steps.Count.ShouldBe(18);
        graph.Steps[10].ShouldBeOfType<ResidualAddStep>().Block.ShouldBe("r1");
        graph.Steps[14].ShouldBeOfType<ResidualAddStep>().Block.ShouldBe("r2");
        graph.Steps[16].ShouldBeOfType<GlobalAvgPoolStep>();
        graph.OutputLength.ShouldBe(BlockNet.Classes);
        Enumerable.Range(0, 18).Select(graph.SourceOf).ShouldBe([-1, 0, 1, 2, 3, 4, 5, 6, 2, 8, 7, 10, 11, 12, 13, 14, 15, 16]);
        Enumerable.Range(0, 18).Select(graph.ShortcutOf).ShouldBe([null, null, null, null, null, null, null, null, null, null, 9, null, null, null, 11, null, null, null]);
        Enumerable.Range(0, 6).Select(graph.StepOf).ShouldBe([0, 3, 6, 8, 12, 17]);
        graph.WeightedSteps.Select(step => step.Name).ShouldBe(BlockNet.LayerNames);
        graph.NormSteps.Select(step => step.Name).ShouldBe(BlockNet.Norms.Select(n => n.Name));
        graph.NormSteps.Select(step => step.FoldsInto).ShouldBe([0, 1, 2, 3, 4]);
    }

    [Theory]
    [InlineData(0, new[] { -1 })]
    [InlineData(3, new[] { 2 })] // the body starts: the shortcut reads the block input later
    [InlineData(4, new[] { 2, 3 })]
    [InlineData(7, new[] { 2, 6 })]
    [InlineData(8, new[] { 2, 7 })] // the shortcut starts: it reads the block input, the addition the body's output
    [InlineData(9, new[] { 7, 8 })]
    [InlineData(10, new[] { 7, 9 })]
    [InlineData(11, new[] { 10 })]
    [InlineData(12, new[] { 11 })] // identity shortcut: the addition reads the block input
    [InlineData(13, new[] { 11, 12 })]
    [InlineData(14, new[] { 11, 13 })]
    [InlineData(15, new[] { 14 })]
    [InlineData(18, new[] { 17 })]
    public void LiveBefore_names_every_earlier_output_the_rest_of_the_network_reads(int firstStep, int[] expected)
    {
        BlockNet.Build().LiveBefore(firstStep).ShouldBe(expected);
    }

    [Fact]
    public void A_block_whose_body_and_shortcut_give_different_lengths_is_refused_naming_the_block()
    {
        // Body stride 2 (4 x 3 x 3 = 36 values), shortcut stride 1 (4 x 6 x 6 = 144).
        var error = Should.Throw<ArgumentException>(() => new NetworkGraph(
            3, 6, 6,
            new ResidualBlock("r7", [new Conv2dStep("r7.a", 0, 3, 6, 6, 4, 3, 3, 2, 1)], [new Conv2dStep("r7.s", 1, 3, 6, 6, 4, 1, 1, 1, 0)]),
            new ReluStep(36)));

        error.Message.ShouldContain("'r7'");
        error.Message.ShouldContain("36");
        error.Message.ShouldContain("144");

        // An identity shortcut must match the body too.
        Should.Throw<ArgumentException>(() => new NetworkGraph(3, 6, 6, new ResidualBlock("r8", [new Conv2dStep("r8.a", 0, 3, 6, 6, 4, 3, 3, 2, 1)], [])))
            .Message.ShouldContain("'r8'");
    }

    [Fact]
    public void Dropout_in_a_graph_is_the_identity_at_inference()
    {
        var (graph, weights, biases, x) = DropoutSetup();
        double[] expected = DropoutReference(TestTensors.ToDouble(x), [.. weights.Select(TestTensors.ToDouble)], [.. biases.Select(TestTensors.ToDouble)], mask: null);

        var inference = graph.Run(x, DropoutBatch, weights, biases, graph.CreateWorkspace(DropoutBatch));
        Close.ShouldMatch(inference, expected, 1e-5, "inference logits");

        var training = graph.CreateWorkspace(DropoutBatch, forTraining: true);
        training.DropoutSeed = 5;
        var logits = graph.Run(x, DropoutBatch, weights, biases, training);
        Close.ShouldMatch(logits, expected, 1e-5, "inference logits on a training workspace");
        training.Output(1, DropoutBatch).ToArray().ShouldBe(training.Output(0, DropoutBatch).ToArray());
    }

    [Fact]
    public void Training_with_the_same_dropout_seed_drops_the_same_values()
    {
        var (graph, weights, biases, x) = DropoutSetup();
        var workspace = graph.CreateWorkspace(DropoutBatch, forTraining: true);

        workspace.DropoutSeed = 7;
        float[] first = graph.Run(x, DropoutBatch, weights, biases, workspace, training: true).ToArray();
        int[] firstMask = workspace.Indices(1, DropoutBatch).ToArray();
        float[] next = graph.Run(x, DropoutBatch, weights, biases, workspace, training: true).ToArray();
        int[] nextMask = workspace.Indices(1, DropoutBatch).ToArray();
        workspace.DropoutSeed = 7;
        float[] again = graph.Run(x, DropoutBatch, weights, biases, workspace, training: true).ToArray();
        int[] againMask = workspace.Indices(1, DropoutBatch).ToArray();
        var other = graph.CreateWorkspace(DropoutBatch, forTraining: true);
        other.DropoutSeed = 8;
        graph.Run(x, DropoutBatch, weights, biases, other, training: true);
        int[] otherMask = other.Indices(1, DropoutBatch).ToArray();

        again.ShouldBe(first, "the same seed restarts the same sequence");
        againMask.ShouldBe(firstMask);
        firstMask.ShouldContain(0);
        firstMask.ShouldContain(1);
        nextMask.ShouldNotBe(firstMask, "the next training pass draws a new mask");
        otherMask.ShouldNotBe(firstMask, "another seed draws another mask");
        float[] hidden = workspace.Output(0, DropoutBatch).ToArray();
        Close.ShouldMatch(
            workspace.Output(1, DropoutBatch), [.. hidden.Select((h, i) => againMask[i] == 1 ? h / (1.0 - DropoutRate) : 0)], 1e-6, "dropout output");
    }

    [Fact]
    public void Backward_through_dropout_matches_central_differences_with_the_drawn_mask()
    {
        var (graph, weights, biases, x) = DropoutSetup();
        var workspace = graph.CreateWorkspace(DropoutBatch, forTraining: true);
        workspace.DropoutSeed = 11;
        float[] logits = graph.Run(x, DropoutBatch, weights, biases, workspace, training: true).ToArray();
        int[] mask = workspace.Indices(1, DropoutBatch).ToArray();
        var probabilities = new float[logits.Length];
        SoftmaxCrossEntropy.Forward(logits, DropoutLabels, DropoutBatch, 4, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, DropoutLabels, workspace.Gradient(2, DropoutBatch), DropoutBatch, 4);
        float[][] weightGradients = [.. weights.Select(w => TestTensors.Poisoned(w.Length))], biasGradients = [.. biases.Select(b => TestTensors.Poisoned(b.Length))];

        graph.Backward(x, DropoutBatch, weights, weightGradients, biasGradients, workspace);

        double[] xd = TestTensors.ToDouble(x);
        double[][] w = [.. weights.Select(TestTensors.ToDouble)], b = [.. biases.Select(TestTensors.ToDouble)];
        double Loss() => ReferenceLayers.SoftmaxCrossEntropy(DropoutReference(xd, w, b, mask), DropoutLabels, DropoutBatch, 4);
        for (int k = 0; k < 2; k++)
        {
            Close.ShouldMatch(weightGradients[k], NumericGradient.Of(_ => Loss(), w[k], 1e-6), 1e-5, $"layer {k} weights");
            Close.ShouldMatch(biasGradients[k], NumericGradient.Of(_ => Loss(), b[k], 1e-6), 1e-5, $"layer {k} biases");
        }

        // Some units were dropped and some kept, so the gradients above could only match with the mask applied.
        mask.ShouldContain(0);
        mask.ShouldContain(1);
    }

    [Fact]
    public void Backward_after_an_inference_pass_through_dropout_passes_every_gradient()
    {
        var (graph, weights, biases, x) = DropoutSetup();
        var workspace = graph.CreateWorkspace(DropoutBatch, forTraining: true);
        float[] logits = graph.Run(x, DropoutBatch, weights, biases, workspace).ToArray();
        var probabilities = new float[logits.Length];
        SoftmaxCrossEntropy.Forward(logits, DropoutLabels, DropoutBatch, 4, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, DropoutLabels, workspace.Gradient(2, DropoutBatch), DropoutBatch, 4);
        float[][] weightGradients = [.. weights.Select(w => TestTensors.Poisoned(w.Length))], biasGradients = [.. biases.Select(b => TestTensors.Poisoned(b.Length))];

        graph.Backward(x, DropoutBatch, weights, weightGradients, biasGradients, workspace);

        double[] xd = TestTensors.ToDouble(x);
        double[][] w = [.. weights.Select(TestTensors.ToDouble)], b = [.. biases.Select(TestTensors.ToDouble)];
        double Loss() => ReferenceLayers.SoftmaxCrossEntropy(DropoutReference(xd, w, b, mask: null), DropoutLabels, DropoutBatch, 4);
        Close.ShouldMatch(weightGradients[0], NumericGradient.Of(_ => Loss(), w[0], 1e-6), 1e-5, "layer 0 weights");
        Close.ShouldMatch(biasGradients[0], NumericGradient.Of(_ => Loss(), b[0], 1e-6), 1e-5, "layer 0 biases");
    }

    private const int DropoutBatch = 5;
    private const float DropoutRate = 0.4f;
    private static readonly byte[] DropoutLabels = [0, 1, 2, 3, 1];

    // input 6 -> dense a 20 -> dropout 40% -> dense b 4
    private static (NetworkGraph Graph, float[][] Weights, float[][] Biases, float[] X) DropoutSetup()
    {
        var graph = new NetworkGraph(6, 1, 1, new DenseStep("a", 0, 6, 20), new DropoutStep(20, DropoutRate), new DenseStep("b", 1, 20, 4));
        var random = new Random(131);
        return (graph, [TestTensors.Uniform(random, 120), TestTensors.Uniform(random, 80, 0.5)], [TestTensors.Uniform(random, 20, 0.2), TestTensors.Uniform(random, 4, 0.2)],
            TestTensors.Uniform(random, DropoutBatch * 6));
    }

    private static double[] DropoutReference(double[] x, double[][] w, double[][] b, int[]? mask)
    {
        double[] hidden = ReferenceLayers.Dense(x, w[0], b[0], DropoutBatch, 6, 20);
        if (mask is not null)
        {
            hidden = [.. hidden.Select((h, i) => mask[i] == 1 ? h / (1.0 - DropoutRate) : 0)];
        }

        return ReferenceLayers.Dense(hidden, w[1], b[1], DropoutBatch, 20, 4);
    }

    private static (NetworkGraph Graph, BlockNet.Parameters Parameters, float[] X) Setup()
    {
        var random = new Random(111);
        var parameters = BlockNet.Random(random);
        float[] x = TestTensors.Uniform(random, Batch * BlockNet.InputLength);
        return (BlockNetWeights.Graph, parameters, x);
    }

    // Run (training or inference mode), softmax cross-entropy into the last step's gradient, Backward.
    private static Result Train(NetworkGraph graph, BlockNet.Parameters parameters, float[] x, bool training, GraphWorkspace? workspace = null)
    {
        workspace ??= graph.CreateWorkspace(Batch + 5, forTraining: true); // buffers larger than the batch
        float[] logits = graph.Run(x, Batch, parameters.Weights, parameters.Biases, workspace, parameters.Norms, training).ToArray();
        var probabilities = new float[logits.Length];
        double loss = SoftmaxCrossEntropy.Forward(logits, Labels, Batch, BlockNet.Classes, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, Labels, workspace.Gradient(graph.Steps.Count - 1, Batch), Batch, BlockNet.Classes);
        float[][] weightGradients = [.. parameters.Weights.Select(w => TestTensors.Poisoned(w.Length))];
        float[][] biasGradients = [.. parameters.Biases.Select(b => TestTensors.Poisoned(b.Length))];
        BatchNormParameters[] normGradients = [.. parameters.Norms.Select(n => new BatchNormParameters(n.Name, n.Channels))];
        foreach (var norm in normGradients)
        {
            Array.Fill(norm.Gamma, float.NaN);
            Array.Fill(norm.Beta, float.NaN);
        }

        graph.Backward(x, Batch, parameters.Weights, weightGradients, biasGradients, workspace, parameters.Norms, normGradients);
        return new Result(loss, weightGradients, biasGradients, normGradients);
    }

    // The float64 loss and its central differences with respect to every parameter (the parameters of Setup()).
    private static Expected ExpectedOf(bool training)
    {
        var (_, parameters, x) = Setup();
        double[] xd = TestTensors.ToDouble(x);
        var p = BlockNet.ToReference(parameters);
        double Loss() => ReferenceLayers.SoftmaxCrossEntropy(BlockNet.Logits(xd, Batch, p, training), Labels, Batch, BlockNet.Classes);
        return new Expected(
            Loss(),
            [.. p.Weights.Select(w => NumericGradient.Of(_ => Loss(), w, 1e-6))],
            [.. p.Biases.Select(b => NumericGradient.Of(_ => Loss(), b, 1e-6))],
            [.. p.Gamma.Select(g => NumericGradient.Of(_ => Loss(), g, 1e-6))],
            [.. p.Beta.Select(b => NumericGradient.Of(_ => Loss(), b, 1e-6))]);
    }

    private static void ShouldMatch(Result actual, Expected expected)
    {
        for (int k = 0; k < expected.Weights.Length; k++)
        {
            Close.ShouldMatch(actual.WeightGradients[k], expected.Weights[k], Tolerance, $"{BlockNet.LayerNames[k]} weight gradient");
            Close.ShouldMatch(actual.BiasGradients[k], expected.Biases[k], Tolerance, $"{BlockNet.LayerNames[k]} bias gradient");
        }

        for (int k = 0; k < expected.Gamma.Length; k++)
        {
            Close.ShouldMatch(actual.NormGradients[k].Gamma, expected.Gamma[k], Tolerance, $"{BlockNet.Norms[k].Name} γ gradient");
            Close.ShouldMatch(actual.NormGradients[k].Beta, expected.Beta[k], Tolerance, $"{BlockNet.Norms[k].Name} β gradient");
        }
    }

    private const double Tolerance = 1e-6;

    private sealed record Result(double Loss, float[][] WeightGradients, float[][] BiasGradients, BatchNormParameters[] NormGradients);

    private sealed record Expected(double Loss, double[][] Weights, double[][] Biases, double[][] Gamma, double[][] Beta);
}
