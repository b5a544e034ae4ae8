using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;
using Test.Faults;

namespace MapDsl.Generated.Tests;

/// <summary>
/// The generated SampleFaults and Inject: a chip's fault map lands in its state in place, each
/// kind with the effect the contract gives it, checked against an independent calculation.
/// </summary>
public class InjectionTests
{
    [Fact]
    public void A_faulty_pe_zeroes_exactly_the_weights_stationed_on_it_in_every_tile()
    {
        var weights = RandomSmall(1);
        var state = OnPes.Map(weights);
        var clean = OnPes.ReadBack(state);
        var map = new FaultMap(OnPes.Shape.Mapping, null, null, [new LayerFaults("a"), new LayerFaults("b")], [new PeAt(3, 5)]);

        OnPes.Inject(state, map);
        var faulty = OnPes.ReadBack(state);

        foreach (var layer in Small.WeightedLayerNames)
        {
            var rows = layer == "a" ? Small.A.MatrixRows : Small.B.MatrixRows;
            var before = clean.WeightsOf(layer);
            var after = faulty.WeightsOf(layer);
            for (var i = 0; i < before.Length; i++)
            {
                var (row, column) = (i % rows, i / rows);
                var onFaultyPe = row % Pe8.Rows == 3 && column % Pe8.Columns == 5;
                after[i].ShouldBe(onFaultyPe ? 0f : before[i], $"{layer}[{i}] at matrix ({row}, {column})");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_flip_of_bit_b_moves_a_symmetric_code_by_2_to_the_b_steps(int bit)
    {
        var weights = RandomSmall(2);
        var state = OnPes.Map(weights);
        var code = state.ACodes!.Codes[17];
        var step = ReferenceMath.MaxAbs(weights.A) / 127; // quantize 8 bit: R = max |w|, L = 127
        var clean = OnPes.ReadBack(state).A[17];

        OnPes.Inject(state, new FaultMap(OnPes.Shape.Mapping, null, null, [new LayerFaults("a") { BitFlips = { new BitFlipAt(17, bit) } }, new LayerFaults("b")], []));
        var faulty = OnPes.ReadBack(state).A[17];

        // Two's complement: bits below the sign move the value by +-2^b steps, the sign bit by -+2^7.
        var isSet = ((code >> bit) & 1) == 1;
        var steps = bit == 7 ? (isSet ? 128 : -128) : (isSet ? -(1 << bit) : 1 << bit);
        ((double)faulty - clean).ShouldBe(steps * step, 1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)] // the top bit of an unsigned code: q moves by 32, usually past a clamp
    public void A_flip_of_bit_b_reads_back_as_the_robust_decoding_of_the_flipped_code(int bit)
    {
        var weights = RandomSmall(3);
        var state = RobustPes.Map(weights);
        var code = state.BCodes!.Codes[4];
        var (lo, hi) = ReferenceMath.ClippedRange(weights.B, 0.2); // quantize 6 bit robust clip 0.2
        RobustPes.ReadBack(state).B[4].ShouldBe((float)ReferenceMath.AsymmetricUnsignedWeight(code, lo, hi, 6));

        RobustPes.Inject(state, new FaultMap(RobustPes.Shape.Mapping, null, null, [new LayerFaults("a"), new LayerFaults("b") { BitFlips = { new BitFlipAt(4, bit) } }], []));

        RobustPes.ReadBack(state).B[4].ShouldBe((float)ReferenceMath.AsymmetricUnsignedWeight(code ^ (1 << bit), lo, hi, 6));
        if (bit < 5)
        {
            // Both codes lie inside the clamps (|q Δ| <= 1), so the flip moves the weight by 2^b steps of Δ (hi − lo) / 2.
            var delta = 1.001 / 31;
            Math.Abs((code - 32) * delta).ShouldBeLessThanOrEqualTo(1);
            Math.Abs(((code ^ (1 << bit)) - 32) * delta).ShouldBeLessThanOrEqualTo(1);
            var steps = ((code >> bit) & 1) == 1 ? -(1 << bit) : 1 << bit;
            var moved = RobustPes.ReadBack(state).B[4] - ReferenceMath.AsymmetricUnsignedWeight(code, lo, hi, 6);
            moved.ShouldBe(steps * delta * (hi - lo) / 2, 1e-6);
        }
    }

    [Fact]
    public void Flipped_bits_belong_to_the_chip_and_survive_reprogramming()
    {
        var map = OnPes.SampleFaults(Everything.Rates, chip: 5);
        var state = new OnPes.State();
        OnPes.Inject(state, map); // before programming: the flips wait for the codes

        OnPes.Map(RandomSmall(4), state);
        var first = OnPes.ReadBack(state);
        var fresh = OnPes.Map(RandomSmall(4));
        OnPes.Inject(fresh, map); // after programming: same chip, same result
        var second = OnPes.ReadBack(fresh);

        first.A.ShouldBe(second.A);
        first.B.ShouldBe(second.B);
        map.BitFlipCount.ShouldBeGreaterThan(0);
        first.A.ShouldNotBe(OnPes.ReadBack(OnPes.Map(RandomSmall(4))).A);
    }

    [Fact]
    public void The_same_chip_seed_gives_the_same_faults_and_the_same_read_back()
    {
        var weights = RandomSmall(6);

        var one = Pairs.Map(weights);
        Pairs.Inject(one, Pairs.SampleFaults(Cells.Rates, chip: 42));
        var two = Pairs.Map(weights);
        Pairs.Inject(two, Pairs.SampleFaults(Cells.Rates, chip: 42));

        Pairs.ReadBack(one).A.ShouldBe(Pairs.ReadBack(two).A);
        one.AllTiles.Sum(t => t.FaultCount).ShouldBe(Pairs.SampleFaults(Cells.Rates, 42).CellFaultCount);
        one.AllTiles.Sum(t => t.FaultCount).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Injected_stuck_cells_read_g_on_or_g_off()
    {
        var state = Pairs.Map(RandomSmall(7));
        var map = Pairs.SampleFaults(Cells.Rates, chip: 9);

        Pairs.Inject(state, map);

        foreach (var (layerIndex, tiles) in new[] { (0, state.A), (1, state.B) })
        {
            foreach (var cell in map.Layers[layerIndex].Cells)
            {
                tiles[cell.Tile].Read(cell.Row, cell.Column).ShouldBe(cell.Fault == CellFault.StuckOn ? Cells32.GOn : Cells32.GOff);
            }
        }
    }

    [Fact]
    public void A_map_of_another_mapping_is_rejected_before_anything_changes()
    {
        var state = Pairs.Map(RandomSmall(8));
        var before = Pairs.ReadBack(state);
        var foreign = Lab.LeNet.DM.SampleFaults(new FaultRates(0.05, 0, 0, 0), chip: 1);

        // The mistake XMAP1004 reports at compile time, made on purpose: this tests the run-time check behind it.
#pragma warning disable XMAP1004
        var error = Should.Throw<ArgumentException>(() => Pairs.Inject(state, foreign));
#pragma warning restore XMAP1004

        error.Message.ShouldStartWith("The fault map does not fit mapping Pairs:");
        Pairs.ReadBack(state).A.ShouldBe(before.A);
        state.AllTiles.Sum(t => t.FaultCount).ShouldBe(0);
    }

    [Fact]
    public void Rates_a_mapping_cannot_have_are_refused_with_a_clear_message()
    {
        Should.Throw<ArgumentException>(() => Pairs.SampleFaults(Everything.Rates, chip: 1)).Message.ShouldNotBeNullOrWhiteSpace();
        Should.Throw<ArgumentException>(() => OnPes.SampleFaults(Cells.Rates, chip: 1)).Message.ShouldNotBeNullOrWhiteSpace();
    }

    private static Small.Weights RandomSmall(int seed) => new(
        ReferenceMath.RandomWeights(Small.A.WeightCount, seed), ReferenceMath.RandomWeights(Small.A.BiasCount, seed + 100),
        ReferenceMath.RandomWeights(Small.B.WeightCount, seed + 200), ReferenceMath.RandomWeights(Small.B.BiasCount, seed + 300));
}
