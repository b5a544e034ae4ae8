using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Graph;

/// <summary>
/// Batch norms in a <see cref="NetworkGraph"/> beyond the residual network: one that reads the network's input (no
/// input gradient is wanted, γ and β still learn), and the arguments training mode needs.
/// </summary>
public sealed class BatchNormGraphTests
{
    private const int Batch = 4;
    private static readonly byte[] Labels = [1, 0, 2, 1];

    // input 5 -> batchnorm in_bn (digital) -> dense h 6 -> relu -> dense o 3
    private static NetworkGraph Graph() => new(
        5, 1, 1, new BatchNormStep("in_bn", 0, 5, 1, -1), new DenseStep("h", 0, 5, 6), new ReluStep(6), new DenseStep("o", 1, 6, 3));

    [Fact]
    public void A_batch_norm_on_the_network_input_learns_gamma_and_beta_in_training_mode()
    {
        var graph = Graph();
        var random = new Random(161);
        float[] x = [.. TestTensors.Uniform(random, Batch * 5).Select((v, i) => v * (1 + i % 5) + i % 5)];
        float[][] weights = [TestTensors.Uniform(random, 30), TestTensors.Uniform(random, 18)];
        float[][] biases = [TestTensors.Uniform(random, 6, 0.2), TestTensors.Uniform(random, 3, 0.2)];
        var norm = new BatchNormParameters("in_bn", 5);
        for (int c = 0; c < 5; c++)
        {
            norm.Gamma[c] = (float)(0.5 + random.NextDouble());
            norm.Beta[c] = (float)(random.NextDouble() - 0.5);
        }

        var workspace = graph.CreateWorkspace(Batch, forTraining: true);
        float[] logits = graph.Run(x, Batch, weights, biases, workspace, [norm], training: true).ToArray();
        var probabilities = new float[logits.Length];
        double loss = SoftmaxCrossEntropy.Forward(logits, Labels, Batch, 3, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, Labels, workspace.Gradient(3, Batch), Batch, 3);
        float[][] weightGradients = [TestTensors.Poisoned(30), TestTensors.Poisoned(18)], biasGradients = [TestTensors.Poisoned(6), TestTensors.Poisoned(3)];
        var normGradient = new BatchNormParameters("in_bn", 5);
        Array.Fill(normGradient.Gamma, float.NaN);
        Array.Fill(normGradient.Beta, float.NaN);

        graph.Backward(x, Batch, weights, weightGradients, biasGradients, workspace, [norm], [normGradient]);

        double[] xd = TestTensors.ToDouble(x), gamma = TestTensors.ToDouble(norm.Gamma), beta = TestTensors.ToDouble(norm.Beta);
        double[][] w = [.. weights.Select(TestTensors.ToDouble)], b = [.. biases.Select(TestTensors.ToDouble)];
        double Loss()
        {
            double[] normalised = ReferenceLayers.BatchNormTraining(xd, Batch, 5, 1, gamma, beta, out _, out _);
            double[] hidden = ReferenceLayers.Relu(ReferenceLayers.Dense(normalised, w[0], b[0], Batch, 5, 6));
            return ReferenceLayers.SoftmaxCrossEntropy(ReferenceLayers.Dense(hidden, w[1], b[1], Batch, 6, 3), Labels, Batch, 3);
        }

        loss.ShouldBe(Loss(), 1e-5);
        Close.ShouldMatch(normGradient.Gamma, NumericGradient.Of(_ => Loss(), gamma, 1e-6), 1e-6, "dγ");
        Close.ShouldMatch(normGradient.Beta, NumericGradient.Of(_ => Loss(), beta, 1e-6), 1e-6, "dβ");
        Close.ShouldMatch(weightGradients[0], NumericGradient.Of(_ => Loss(), w[0], 1e-6), 1e-6, "h weights");
        Close.ShouldMatch(biasGradients[1], NumericGradient.Of(_ => Loss(), b[1], 1e-6), 1e-6, "o biases");
    }

    [Fact]
    public void Training_a_batch_of_one_through_a_vector_batch_norm_is_refused_naming_it()
    {
        var graph = Graph();
        var workspace = graph.CreateWorkspace(Batch, forTraining: true);

        var error = Should.Throw<ArgumentException>(() =>
            graph.Run(new float[5], 1, [new float[30], new float[18]], [new float[6], new float[3]], workspace, [new BatchNormParameters("in_bn", 5)], training: true));

        error.Message.ShouldContain("'in_bn'");
        error.Message.ShouldContain("at least 2 values per channel");
    }

    [Fact]
    public void Training_mode_and_batch_norms_are_checked_against_the_graph()
    {
        var graph = Graph();
        float[][] weights = [new float[30], new float[18]], biases = [new float[6], new float[3]];
        var x = new float[Batch * 5];

        Should.Throw<ArgumentException>(() => graph.Run(x, Batch, weights, biases, graph.CreateWorkspace(Batch), [new BatchNormParameters("in_bn", 5)], training: true))
            .Message.ShouldContain("forTraining");
        Should.Throw<ArgumentException>(() => graph.Run(x, Batch, weights, biases, graph.CreateWorkspace(Batch)))
            .Message.ShouldContain("1 batch norms; got 0");
        Should.Throw<ArgumentException>(() => graph.Run(x, Batch, weights, biases, graph.CreateWorkspace(Batch), [new BatchNormParameters("in_bn", 4)]))
            .Message.ShouldContain("'in_bn'");
        Should.Throw<ArgumentException>(() => new NetworkGraph(5, 1, 1, new BatchNormStep("a", 1, 5, 1, -1)))
            .Message.ShouldContain("batch-norm index 1 (expected 0)");
    }
}
