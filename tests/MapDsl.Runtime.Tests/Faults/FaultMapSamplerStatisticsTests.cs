using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;
using MathNet.Numerics.Distributions;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultMapSamplerStatisticsTests
{
    private const int Chips = 400;

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Every_kind_is_binomial_in_count_over_many_chips(double rate)
    {
        var crossbar = new FaultRates(rate, rate / 2, rate, 0);
        var systolic = new FaultRates(0, 0, rate, rate);
        var on = new List<int>();
        var off = new List<int>();
        var bits = new List<int>();
        var systolicBits = new List<int>();
        var pes = new List<int>();
        for (ulong chip = 1; chip <= Chips; chip++)
        {
            var map = FaultMapSampler.Sample(TestShapes.Crossbar, crossbar, chip);
            on.Add(TestShapes.Cells(map, CellFault.StuckOn).Count());
            off.Add(TestShapes.Cells(map, CellFault.StuckOff).Count());
            bits.Add(map.BitFlipCount);
            var onArray = FaultMapSampler.Sample(TestShapes.Systolic, systolic, chip);
            systolicBits.Add(onArray.BitFlipCount);
            pes.Add(onArray.BypassedPes.Count);
        }

        FaultStatistics.ShouldBeBinomial(on, TestShapes.CrossbarCells, rate, "stuck-on cells");
        FaultStatistics.ShouldBeBinomial(off, TestShapes.CrossbarCells, rate / 2, "stuck-off cells");
        FaultStatistics.ShouldBeBinomial(bits, TestShapes.Bits(TestShapes.Crossbar), rate, "flipped bits (crossbar)");
        FaultStatistics.ShouldBeBinomial(systolicBits, TestShapes.Bits(TestShapes.Systolic), rate, "flipped bits (systolic)");
        FaultStatistics.ShouldBeBinomial(pes, TestShapes.Systolic.CellsPerTile, rate, "bypassed PEs");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    public void Positions_are_uniform_over_tiles_rows_columns_bits_and_pes(double rate)
    {
        var shape = TestShapes.Crossbar;
        var cellRows = new long[2][];
        var cellColumns = new long[2][];
        var tiles = new long[5];
        for (int kind = 0; kind < 2; kind++)
        {
            cellRows[kind] = new long[shape.TileRows];
            cellColumns[kind] = new long[shape.TileColumns];
        }

        var bitPositions = new long[8];
        var weightGroups = new long[20];
        var peRows = new long[TestShapes.Systolic.TileRows];
        var peColumns = new long[TestShapes.Systolic.TileColumns];
        int chips = rate < 0.1 ? Chips : 40;
        for (ulong chip = 1; chip <= (ulong)chips; chip++)
        {
            var map = FaultMapSampler.Sample(shape, new FaultRates(rate, rate, rate, 0), chip);
            for (int layer = 0; layer < map.Layers.Count; layer++)
            {
                foreach (var cell in map.Layers[layer].Cells)
                {
                    int kind = cell.Fault == CellFault.StuckOn ? 0 : 1;
                    cellRows[kind][cell.Row]++;
                    cellColumns[kind][cell.Column]++;
                    tiles[layer * 3 + cell.Tile]++;
                }

                foreach (var flip in map.Layers[layer].BitFlips)
                {
                    bitPositions[flip.Bit]++;
                    weightGroups[flip.Weight * weightGroups.Length / shape.Layers[layer].WeightCount]++;
                }
            }

            foreach (var pe in FaultMapSampler.Sample(TestShapes.Systolic, new FaultRates(0, 0, 0, rate), chip).BypassedPes)
            {
                peRows[pe.Row]++;
                peColumns[pe.Column]++;
            }
        }

        for (int kind = 0; kind < 2; kind++)
        {
            FaultStatistics.ShouldBeUniform(cellRows[kind], $"rows of {(CellFault)(kind + 1)} cells");
            FaultStatistics.ShouldBeUniform(cellColumns[kind], $"columns of {(CellFault)(kind + 1)} cells");
        }

        FaultStatistics.ShouldBeUniform(tiles, "tiles of stuck cells");
        FaultStatistics.ShouldBeUniform(bitPositions, "flipped bit positions");
        FaultStatistics.ShouldBeUniform(weightGroups, "weights with flipped bits");
        FaultStatistics.ShouldBeUniform(peRows, "rows of bypassed PEs");
        FaultStatistics.ShouldBeUniform(peColumns, "columns of bypassed PEs");
    }

    [Theory]
    [InlineData(0.1, 0.2)]
    [InlineData(0.3, 0.7)]
    [InlineData(0.45, 0.55 - 1e-9)]
    [InlineData(0.9, 0.05)]
    public void Stuck_on_and_off_are_exclusive_with_exact_per_cell_marginals(double stuckOn, double stuckOff)
    {
        // A 4 x 5 tile over many chips: every cell's frequency of each fault, and each chip's count of each fault.
        var shape = new MappingShape("Tiny", 4, 5, false, [new LayerShape("only", 1, 1, 0)]);
        var rates = new FaultRates(stuckOn, stuckOff, 0, 0);
        const int TinyChips = 4000;
        var onPerCell = new long[20];
        var offPerCell = new long[20];
        var onCounts = new long[21];
        var offCounts = new long[21];
        for (ulong chip = 1; chip <= TinyChips; chip++)
        {
            var cells = FaultMapSampler.Sample(shape, rates, chip).Layers[0].Cells;
            cells.Select(c => (c.Row, c.Column)).Distinct().Count().ShouldBe(cells.Count, "a cell is listed twice, so it is stuck both ways");
            int on = 0;
            foreach (var cell in cells)
            {
                bool isOn = cell.Fault == CellFault.StuckOn;
                (isOn ? onPerCell : offPerCell)[cell.Row * 5 + cell.Column]++;
                on += isOn ? 1 : 0;
            }

            onCounts[on]++;
            offCounts[cells.Count - on]++;
        }

        for (int cell = 0; cell < 20; cell++)
        {
            (onPerCell[cell] / (double)TinyChips).ShouldBe(stuckOn, 4.5 * Math.Sqrt(stuckOn * (1 - stuckOn) / TinyChips), $"P(stuck-on) of cell {cell}");
            (offPerCell[cell] / (double)TinyChips).ShouldBe(stuckOff, 4.5 * Math.Sqrt(stuckOff * (1 - stuckOff) / TinyChips), $"P(stuck-off) of cell {cell}");
        }

        // Independence across cells: each chip's count of a kind is Binomial(20, p), bins with too few expected merged.
        ShouldFitBinomial(onCounts, stuckOn, TinyChips, "stuck-on count per chip");
        ShouldFitBinomial(offCounts, stuckOff, TinyChips, "stuck-off count per chip");
    }

    [Fact]
    public void Rates_adding_up_to_1_make_every_cell_stuck()
    {
        var map = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.25, 0.75, 0, 0), 5);
        map.CellFaultCount.ShouldBe((int)TestShapes.CrossbarCells);
        TestShapes.Cells(FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(1, 0, 0, 0), 5), CellFault.StuckOn).Count().ShouldBe((int)TestShapes.CrossbarCells);
        TestShapes.Cells(FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0, 1, 0, 0), 5), CellFault.StuckOff).Count().ShouldBe((int)TestShapes.CrossbarCells);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.1)]
    public void The_bernoulli_baseline_has_the_same_mean_counts(double rate)
    {
        var rates = new FaultRates(rate, rate, rate, 0);
        var on = new List<int>();
        var off = new List<int>();
        var bits = new List<int>();
        for (ulong chip = 1; chip <= 200; chip++)
        {
            var map = FaultMapSampler.SampleBernoulli(TestShapes.Crossbar, rates, chip);
            on.Add(TestShapes.Cells(map, CellFault.StuckOn).Count());
            off.Add(TestShapes.Cells(map, CellFault.StuckOff).Count());
            bits.Add(map.BitFlipCount);
            if (chip == 1)
            {
                foreach (var layer in map.Layers)
                {
                    layer.Cells.ShouldBe(layer.Cells.OrderBy(c => c.Tile).ThenBy(c => c.Row).ThenBy(c => c.Column));
                }
            }
        }

        FaultStatistics.ShouldBeBinomial(on, TestShapes.CrossbarCells, rate, "Bernoulli stuck-on");
        FaultStatistics.ShouldBeBinomial(off, TestShapes.CrossbarCells, rate, "Bernoulli stuck-off");
        FaultStatistics.ShouldBeBinomial(bits, TestShapes.Bits(TestShapes.Crossbar), rate, "Bernoulli bit flips");
    }

    private static void ShouldFitBinomial(long[] counts, double p, int total, string what)
    {
        var observed = new List<long>();
        var expected = new List<double>();
        long pendingObserved = 0;
        double pendingExpected = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            pendingObserved += counts[k];
            pendingExpected += total * Binomial.PMF(p, counts.Length - 1, k);
            if (pendingExpected >= 10)
            {
                observed.Add(pendingObserved);
                expected.Add(pendingExpected);
                pendingObserved = 0;
                pendingExpected = 0;
            }
        }

        // The leftover upper tail joins the last bin.
        observed[^1] += pendingObserved;
        expected[^1] += pendingExpected;
        FaultStatistics.ShouldFit(observed, expected, what);
    }
}
