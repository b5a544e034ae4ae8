using MapDsl.Runtime.Engine;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Inference;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Inference;

/// <summary>The depth-first inference pass that <see cref="NetworkGraph.Run"/> takes for networks with batch norms or residual blocks.</summary>
public sealed class FusedInferenceTests
{
    [Theory]
    [InlineData(12, 5)]
    [InlineData(28, 2)]
    public void A_resnet_runs_depth_first_and_matches_a_float64_reference(int size, int batch)
    {
        var net = TestNetwork.ResNet(41, size);
        FusedPlan.TryCreate(net.Graph)!.ToString().Split(Environment.NewLine).ShouldBe(
        [
            "conv stem +stem_bn +relu", "conv r1.a +r1.a_bn +relu", "conv r1.b +r1.b_bn +add +relu",
            "conv r2.a +r2.a_bn +relu", "conv r2.s +r2.s_bn", "conv r2.b +r2.b_bn +add +relu",
            "conv r3.a +r3.a_bn +relu", "conv r3.s +r3.s_bn", "conv r3.b +r3.b_bn +add +relu",
            "global-avgpool", "dense fc",
        ]);
        var input = net.Input(42, batch);
        var expected = ReferenceGraph.Run(net.Graph, input, batch, net.Weights, net.Biases, net.Norms);

        Close.ShouldMatch(Run(net, input, batch), expected, 1e-5, "depth-first logits");
        var layered = net.Graph.RunLayerByLayer(input, batch, net.Weights, net.Biases, net.Graph.CreateWorkspace(batch), net.Norms).ToArray();
        Close.ShouldMatch(layered, expected, 1e-5, "layer-by-layer logits");
    }

    [Fact]
    public void Steps_no_convolution_can_absorb_run_as_their_own_passes()
    {
        var net = TestNetwork.Unfused(43);
        FusedPlan.TryCreate(net.Graph)!.ToString().Split(Environment.NewLine).ShouldBe(
        [
            "conv stem +stem_bn +relu", "batchnorm digital", "conv r1.a +r1.a_bn +relu", "add", "relu",
            "conv r2.s", "conv r2.a +r2.a_bn +add +relu", "global-avgpool", "batchnorm pooled", "dense f1 +f1_bn +relu", "dense f2",
        ]);
        var input = net.Input(44, 3);

        Close.ShouldMatch(Run(net, input, 3), ReferenceGraph.Run(net.Graph, input, 3, net.Weights, net.Biases, net.Norms), 1e-5, "logits");
    }

    [Fact]
    public void An_image_gets_the_same_bits_whatever_the_batch_and_the_threads()
    {
        var net = TestNetwork.ResNet(45);
        var input = net.Input(46, 37);
        var alone = Run(net, input, 37);
        // Other tests running meanwhile see the changed thread count, which by design changes none of their results.
        var parallelism = Gemm.Parallelism;
        try
        {
            foreach (var threads in new[] { 1, 2, 3 })
            {
                Gemm.Parallelism = threads;
                Run(net, input, 37).ShouldBe(alone, $"{threads} threads");
                foreach (var (first, count) in new[] { (0, 1), (5, 2), (9, 28) })
                {
                    var part = Run(net, input.AsSpan(first * net.Graph.InputLength, count * net.Graph.InputLength).ToArray(), count);
                    part.ShouldBe(alone.AsSpan(first * 10, count * 10).ToArray(), $"images {first}..{first + count} as a batch of their own on {threads} threads");
                }
            }
        }
        finally
        {
            Gemm.Parallelism = parallelism;
        }
    }

    [Fact]
    public void Batch_norms_folded_beforehand_give_the_bits_of_folding_per_call()
    {
        var net = TestNetwork.ResNet(47);
        var input = net.Input(48, 4);
        var unfolded = Run(net, input, 4);
        var weights = net.Weights.Select(w => (float[])w.Clone()).ToList();
        var biases = net.Biases.Select(b => (float[])b.Clone()).ToList();
        var norms = net.Norms.Select(n => n.Clone()).ToList();
        foreach (var step in net.Graph.NormSteps)
        {
            BatchNormFolding.Fold(weights[step.FoldsInto], biases[step.FoldsInto], norms[step.NormIndex]);
        }

        net.Graph.Run(input, 4, weights, biases, net.Graph.CreateWorkspace(4), norms).ToArray().ShouldBe(unfolded);
    }

    [Fact]
    public void Networks_this_path_does_not_compute_run_layer_by_layer_with_the_same_bits()
    {
        // Max pooling has no fused op; a network without batch norms or blocks is version 1 and keeps its results.
        var pooled = new NetworkGraph(1, 8, 8, new Conv2dStep("c", 0, 1, 8, 8, 16, 3, 3, 1, 1), new BatchNormStep("bn", 0, 16, 64, 0), new MaxPool2dStep(16, 8, 8, 2, 2, 2, 2), new FlattenStep(256), new DenseStep("f", 1, 256, 10));
        var plain = new NetworkGraph(1, 8, 8, new Conv2dStep("c", 0, 1, 8, 8, 16, 3, 3, 1, 1), new ReluStep(1024), new GlobalAvgPoolStep(16, 8, 8), new DenseStep("f", 1, 16, 10));
        var random = new Random(49);
        float[][] weights = [TestTensors.Uniform(random, 144), TestTensors.Uniform(random, 2560)];
        float[][] biases = [new float[16], new float[10]];
        var input = TestTensors.Uniform(random, 3 * 64);
        foreach (var (graph, norms) in new[] { (pooled, new[] { DirectConvTests.RandomNorm(random, 16) }), (plain, null) })
        {
            FusedPlan.TryCreate(graph).ShouldBeNull();
            float[][] w = graph == plain ? [weights[0], weights[1][..160]] : weights;
            var run = graph.Run(input, 3, w, biases, graph.CreateWorkspace(3), norms).ToArray();
            run.ShouldBe(graph.RunLayerByLayer(input, 3, w, biases, graph.CreateWorkspace(3), norms).ToArray());
        }
    }

    [Fact]
    public void Inference_in_a_training_workspace_goes_layer_by_layer_so_that_a_backward_pass_can_follow()
    {
        var net = TestNetwork.ResNet(50);
        var input = net.Input(51, 2);
        var workspace = net.Graph.CreateWorkspace(2, forTraining: true);

        net.Graph.Run(input, 2, net.Weights, net.Biases, workspace, net.Norms).ToArray()
            .ShouldBe(net.Graph.RunLayerByLayer(input, 2, net.Weights, net.Biases, net.Graph.CreateWorkspace(2), net.Norms).ToArray());
        Backward(net, input, workspace);
    }

    [Fact]
    public void A_backward_pass_after_a_depth_first_pass_is_refused()
    {
        // Model.Forward's pass: depth-first in the model's training workspace, which then holds no activations.
        var net = TestNetwork.ResNet(52);
        var input = net.Input(53, 2);
        var workspace = net.Graph.CreateWorkspace(2, forTraining: true);
        net.Graph.RunInference(input, 2, net.Weights, net.Biases, workspace, net.Norms).ToArray().ShouldBe(Run(net, input, 2));

        Should.Throw<InvalidOperationException>(() => Backward(net, input, workspace));
    }

    [Fact]
    public void A_call_allocates_nothing_after_the_first()
    {
        var net = TestNetwork.ResNet(54);
        var input = net.Input(55, 8);
        var workspace = net.Graph.CreateWorkspace(8);
        net.Graph.Run(input, 8, net.Weights, net.Biases, workspace, net.Norms);
        long before = GC.GetAllocatedBytesForCurrentThread();
        net.Graph.Run(input, 8, net.Weights, net.Biases, workspace, net.Norms);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    private static void Backward(TestNetwork net, float[] input, GraphWorkspace workspace)
    {
        var gradients = net.Weights.Select(w => new float[w.Length]).ToList();
        var biasGradients = net.Biases.Select(b => new float[b.Length]).ToList();
        var normGradients = net.Norms.Select(n => new BatchNormParameters(n.Name, n.Channels)).ToList();
        net.Graph.Backward(input, 2, net.Weights, gradients, biasGradients, workspace, net.Norms, normGradients);
    }

    private static float[] Run(TestNetwork net, float[] input, int batch) =>
        net.Graph.Run(input, batch, net.Weights, net.Biases, net.Graph.CreateWorkspace(batch), net.Norms).ToArray();
}
