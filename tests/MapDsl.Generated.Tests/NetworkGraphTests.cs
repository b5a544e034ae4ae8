using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Generated.Tests;

/// <summary>
/// The generated <c>Graph</c> of each example network, and the workspaces it runs in: an inference workspace (as
/// campaign evaluation uses) gives bit-identical logits to the generated <c>Model</c>, whose training workspace also
/// records max pooling's argmax, for batches that fill whole GEMM groups and for batches that leave a partial one.
/// </summary>
public class NetworkGraphTests
{
    [Theory]
    [InlineData(250, 250, false)]
    [InlineData(256, 70, false)]
    [InlineData(250, 250, true)]
    [InlineData(8, 1, true)]
    public void LeNet5_inference_run_equals_the_training_models_forward_bit_for_bit(int maxBatch, int batch, bool shipped)
    {
        var weights = shipped ? Lab.LeNet.LeNet5.Weights.LoadSafetensors(ModelFiles.Path("lenet5")) : ExampleNetworks.LeNet5(41);
        var images = Datasets.FashionTest().Take(batch);
        var names = Lab.LeNet.LeNet5.WeightedLayerNames;
        var graph = Lab.LeNet.LeNet5.Graph;

        var expected = new Lab.LeNet.LeNet5.Model(maxBatch).Forward(images.Pixels, batch, weights).ToArray();
        var actual = graph.Run(images.Pixels, batch, names.Select(weights.WeightsOf).ToList(), names.Select(weights.BiasOf).ToList(), graph.CreateWorkspace(maxBatch)).ToArray();

        actual.ShouldBe(expected);
    }

    [Theory]
    [InlineData(256, 100)]
    [InlineData(4, 3)]
    public void Mlp_inference_run_equals_the_training_models_forward_bit_for_bit(int maxBatch, int batch)
    {
        var weights = ExampleNetworks.Mlp(42);
        var images = Datasets.FashionTest().Take(batch);
        var names = Lab.Mlp.Mlp.WeightedLayerNames;
        var graph = Lab.Mlp.Mlp.Graph;

        var expected = new Lab.Mlp.Mlp.Model(maxBatch).Forward(images.Pixels, batch, weights).ToArray();
        var actual = graph.Run(images.Pixels, batch, names.Select(weights.WeightsOf).ToList(), names.Select(weights.BiasOf).ToList(), graph.CreateWorkspace(maxBatch)).ToArray();

        actual.ShouldBe(expected);
    }

    [Fact]
    public void The_graph_lists_the_layers_with_their_shapes()
    {
        var graph = Lab.LeNet.LeNet5.Graph;

        graph.InputLength.ShouldBe(Lab.LeNet.LeNet5.Input.Length);
        graph.OutputLength.ShouldBe(Lab.LeNet.LeNet5.Output.Length);
        graph.Steps.Count.ShouldBe(11);
        graph.WeightedLayerCount.ShouldBe(Lab.LeNet.LeNet5.WeightedLayerCount);
        var c2 = graph.WeightedSteps[1].ShouldBeOfType<Conv2dStep>();
        (c2.Name, c2.InChannels, c2.OutChannels, c2.OutHeight, c2.OutWidth, c2.WeightCount).ShouldBe(("c2", 6, 16, 10, 10, Lab.LeNet.LeNet5.C2.WeightCount));
        graph.StepOf(1).ShouldBe(3);
        graph.Steps[5].ShouldBeOfType<MaxPool2dStep>().OutputLength.ShouldBe(400);
        graph.WeightedSteps[2].ShouldBeOfType<DenseStep>().WeightCount.ShouldBe(Lab.LeNet.LeNet5.F1.WeightCount);
    }

    [Fact]
    public void A_graph_whose_lengths_do_not_chain_is_refused()
    {
        Should.Throw<ArgumentException>(() => new NetworkGraph(4, 1, 1, new DenseStep("a", 0, 4, 3), new DenseStep("b", 1, 2, 1)))
            .Message.ShouldContain("takes 2 values per image but receives 3");
        Should.Throw<ArgumentException>(() => new NetworkGraph(4, 1, 1, new DenseStep("a", 1, 4, 3)))
            .Message.ShouldContain("expected 0");
    }
}
