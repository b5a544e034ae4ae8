using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultMapSamplerValidationTests
{
    [Fact]
    public void Stuck_cells_on_a_systolic_mapping_are_rejected()
    {
        var error = Should.Throw<ArgumentException>(() => FaultMapSampler.Sample(TestShapes.Systolic, new FaultRates(0.01, 0, 0, 0), 1));
        error.Message.ShouldContain("stuck cells (StuckOn 0.01, StuckOff 0), but mapping 'Lab.OnSystolic' is systolic");
        error.ParamName.ShouldBe("rates");
    }

    [Fact]
    public void Pe_faults_on_a_crossbar_mapping_are_rejected()
    {
        Should.Throw<ArgumentException>(() => FaultMapSampler.SampleBernoulli(TestShapes.Crossbar, new FaultRates(0, 0, 0, 0.02), 1))
            .Message.ShouldContain("bypassed PEs (Pe 0.02), but mapping 'Lab.OnCrossbar' maps onto crossbars");
    }

    [Fact]
    public void Bit_flips_on_an_unquantized_layer_are_rejected_naming_the_layer()
    {
        var shape = new MappingShape("Plain", 8, 8, false, [new LayerShape("q", 1, 10, 8), new LayerShape("raw", 1, 10, 0)]);
        Should.Throw<ArgumentException>(() => FaultMapSampler.Sample(shape, new FaultRates(0, 0, 0.001, 0), 1))
            .Message.ShouldContain("layer 'raw' of mapping 'Plain' is not quantized");

        // Zero rates ask for nothing, so they fit every shape.
        FaultMapSampler.Sample(shape, FaultRates.None, 1).CellFaultCount.ShouldBe(0);
        FaultMapSampler.Sample(TestShapes.Systolic, FaultRates.None, 1).BypassedPes.ShouldBeEmpty();
    }

    [Fact]
    public void Per_piece_sampling_rejects_missing_layers_and_tiles()
    {
        var rates = new FaultRates(0.01, 0, 0.01, 0);
        Should.Throw<ArgumentOutOfRangeException>(() => FaultMapSampler.SampleTileCells(TestShapes.Crossbar, rates, 1, 2, 0, []))
            .Message.ShouldContain("has 2 layers, so there is no layer 2");
        Should.Throw<ArgumentOutOfRangeException>(() => FaultMapSampler.SampleTileCells(TestShapes.Crossbar, rates, 1, 1, 2, []))
            .Message.ShouldContain("Layer 'fc' has 2 tiles, so there is no tile 2");
        Should.Throw<ArgumentOutOfRangeException>(() => FaultMapSampler.SampleLayerBitFlips(TestShapes.Crossbar, rates, 1, -1, []))
            .ParamName.ShouldBe("layer");
    }
}
