using MapDsl.Generator.Model;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Binding;

/// <summary>Layer shapes inferred as PyTorch computes them: floor((H + 2P - K) / S) + 1.</summary>
public class ShapeInferenceTests
{
    [Fact]
    public void LeNet5_shapes_and_crossbar_matrices()
    {
        var network = Bind.Files(("lenet5.xmap", XmapFiles.Read("Valid", "lenet5.xmap"))).Declarations.OfType<NetworkModel>().Single();

        network.Layers.Select(l => $"{l.Input}->{l.Output}").ShouldBe([
            "1x28x28->6x28x28", "6x28x28->6x28x28", "6x28x28->6x14x14", "6x14x14->16x10x10", "16x10x10->16x10x10",
            "16x10x10->16x5x5", "16x5x5->120", "120->120", "120->84", "84->84", "84->10"]);
        network.WeightedLayers.Select(l => (l.MatrixRows, l.MatrixColumns)).ShouldBe([(25, 6), (150, 16), (400, 120), (120, 84), (84, 10)]);
    }

    [Theory]
    [InlineData("conv a 4 kernel 3x3 stride 2 pad 1", "4x14x14")]
    [InlineData("conv a 4 kernel 5 stride 3", "4x8x8")]
    [InlineData("conv a 4 kernel 3x5", "4x26x24")]
    [InlineData("maxpool 3x3 stride 2", "1x13x13")]
    [InlineData("avgpool 4x4", "1x7x7")]
    [InlineData("maxpool 5x5", "1x5x5")]
    [InlineData("flatten", "784")]
    [InlineData("dense d 7", "7")]
    public void Stride_padding_and_windows(string layer, string output)
    {
        var network = Bind.Text($"network N {{ input 1 x 28 x 28; {layer}; }}").Declarations.OfType<NetworkModel>().Single();

        network.Output.ToString().ShouldBe(output);
    }

    [Fact]
    public void A_padded_input_can_take_a_kernel_larger_than_the_unpadded_one()
    {
        var program = Bind.Text("network N { input 1 x 3 x 3; conv a 2 kernel 5x5 pad 1; }");

        program.Diagnostics.ShouldBeEmpty();
        program.Declarations.OfType<NetworkModel>().Single().Output.ToString().ShouldBe("2x1x1");
    }
}
