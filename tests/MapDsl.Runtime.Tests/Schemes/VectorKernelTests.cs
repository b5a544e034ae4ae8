using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Schemes;

/// <summary>
/// The tile kernels convert weights with vectors and place them band by band; the scalar reference below is the
/// kernels as they were before (one <see cref="SchemeMath"/> formula and one <see cref="CrossbarSpec.Quantize"/> per
/// cell, row after row). They must agree bit for bit on every cell, for every crossbar scheme, on tiles and blocks
/// of every size (ragged bands, odd columns, tails shorter than a vector), with stuck cells, saturating weights,
/// zeros of both signs and weights whose conductance falls halfway between two levels.
/// </summary>
public sealed class VectorKernelTests
{
    private static readonly int[] LevelChoices = [2, 3, 4, 5, 16, 17, 64, 255, 256, 65536];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 0; seed < 40; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    /// <summary>Seeds, each with the AVX-512 path of the pair kernels, the AVX2 one and the portable one.</summary>
    public static TheoryData<int, string> SeedsAndPaths()
    {
        var data = new TheoryData<int, string>();
        for (int seed = 0; seed < 40; seed++)
        {
            foreach (string path in PairPath.Names)
            {
                data.Add(seed, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndPaths))]
    public void Two_column_write_is_bit_identical_to_the_scalar_reference(int seed, string path)
    {
        var c = Case.Create(seed, columns => columns / 2);
        using var pairPath = PairPath.Use(path);
        c.Check(
            (tile, w) => TwoColumnScheme.Write(tile, w, c.MatrixRows, c.RowStart, c.RowCount, c.ColStart, c.ColCount, c.WMax),
            cells => Reference.Pairs(c, cells, SchemeMath.TwoColumnPair, c.Spec.GOff));
    }

    [Theory]
    [MemberData(nameof(SeedsAndPaths))]
    public void Differential_write_is_bit_identical_to_the_scalar_reference(int seed, string path)
    {
        var c = Case.Create(seed + 1000, columns => columns / 2);
        using var pairPath = PairPath.Use(path);
        c.Check(
            (tile, w) => DifferentialScheme.Write(tile, w, c.MatrixRows, c.RowStart, c.RowCount, c.ColStart, c.ColCount, c.WMax),
            cells => Reference.Pairs(c, cells, SchemeMath.DifferentialPair, c.Spec.GOn));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Offset_write_is_bit_identical_to_the_scalar_reference(int seed)
    {
        var c = Case.Create(seed + 2000, columns => columns - 1);
        c.Check(
            (tile, w) => OffsetScheme.Write(tile, w, c.MatrixRows, c.RowStart, c.RowCount, c.ColStart, c.ColCount, c.WMax),
            cells => Reference.Offset(c, cells));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Weight_stationary_write_is_the_block_and_zeros(int seed)
    {
        var c = Case.Create(seed + 3000, columns => columns);
        var spec = new SystolicSpec(c.Spec.Rows, c.Spec.Columns);
        var tile = new SystolicTile(spec, new PeFaultMap(spec));
        tile.Weights.AsSpan().Fill(float.NaN);

        WeightStationaryScheme.Write(tile, c.Weights, c.MatrixRows, c.RowStart, c.RowCount, c.ColStart, c.ColCount);

        for (int row = 0; row < spec.Rows; row++)
        {
            for (int col = 0; col < spec.Columns; col++)
            {
                float expected = row < c.RowCount && col < c.ColCount ? c.Weights[(c.ColStart + col) * c.MatrixRows + c.RowStart + row] : 0f;
                BitConverter.SingleToInt32Bits(tile.Weights[row * spec.Columns + col]).ShouldBe(BitConverter.SingleToInt32Bits(expected), $"PE ({row}, {col})");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(256)]
    [InlineData(65536)]
    public void The_vector_level_grids_round_like_the_spec_at_and_around_every_halfway_point(int levels)
    {
        var spec = new CrossbarSpec(1, 1, levels, 1e-6, 1e-4);
        var grid = new LevelGrid(spec);
        var wide = new WideLevelGrid(spec);
        var values = new List<double> { double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1, 0, spec.GOff, spec.GOn, 1 };
        for (int level = 0; level < Math.Min(levels, 300); level++)
        {
            double half = spec.GOff + ((level + 0.5) * spec.Step);
            double exact = spec.GOff + (level * spec.Step);
            values.AddRange([half, Math.BitDecrement(half), Math.BitIncrement(half), exact, Math.BitDecrement(exact), Math.BitIncrement(exact)]);
        }

        foreach (double g in values)
        {
            double vector = grid.Quantize(new System.Numerics.Vector<double>(g))[0];
            double wideVector = wide.Quantize(System.Runtime.Intrinsics.Vector512.Create(g))[0];
            BitConverter.DoubleToInt64Bits(vector).ShouldBe(BitConverter.DoubleToInt64Bits(spec.Quantize(g)), $"g = {g:R}");
            BitConverter.DoubleToInt64Bits(wideVector).ShouldBe(BitConverter.DoubleToInt64Bits(spec.Quantize(g)), $"g = {g:R} (AVX-512)");
        }
    }

    /// <summary>
    /// Runs the pair kernels on one path until disposed: AVX-512, AVX2 or portable (a path the machine lacks falls
    /// back to the next one). All give the same bits, so other tests running meanwhile are unaffected.
    /// </summary>
    private sealed class PairPath : IDisposable
    {
        public static readonly string[] Names = ["avx512", "avx2", "portable"];

        private readonly bool _avx512Before = PairBand.UseAvx512;
        private readonly bool _avxBefore = PairBand.UseAvx;

        private PairPath(string path)
        {
            PairBand.UseAvx512 = path == "avx512" && System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
            PairBand.UseAvx = path != "portable" && System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Numerics.Vector<double>.Count == 4;
        }

        public static PairPath Use(string path) => new(path);

        public void Dispose()
        {
            PairBand.UseAvx512 = _avx512Before;
            PairBand.UseAvx = _avxBefore;
        }
    }

    /// <summary>A random tile, layer and block, with stuck cells, written by a kernel and by the reference.</summary>
    private sealed record Case(
        CrossbarSpec Spec, int MatrixRows, float[] Weights, double WMax, int RowStart, int RowCount, int ColStart, int ColCount,
        (int Row, int Column, CellFault Fault)[] Stuck)
    {
        public static Case Create(int seed, Func<int, int> weightsPerTileRow)
        {
            var random = new Random(seed);
            var spec = new CrossbarSpec(
                Rows: random.Next(1, 70),
                Columns: random.Next(2, 70),
                Levels: LevelChoices[random.Next(LevelChoices.Length)],
                GOff: random.Next(0, 3) * 1e-6,
                GOn: random.Next(1, 3) * 50e-6);
            int matrixRows = random.Next(1, 100);
            int matrixColumns = random.Next(1, 60);
            int rowCount = random.Next(1, Math.Min(spec.Rows, matrixRows) + 1);
            int colCount = random.Next(1, Math.Min(weightsPerTileRow(spec.Columns), matrixColumns) + 1);
            double wMax = random.Next(4) == 0 ? 0 : 0.05 + random.NextDouble();
            float[] weights = Draw(random, matrixRows * matrixColumns, wMax, spec);
            var stuck = Enumerable.Range(0, random.Next(0, 12))
                .Select(_ => (random.Next(spec.Rows), random.Next(spec.Columns), random.Next(2) == 0 ? CellFault.StuckOn : CellFault.StuckOff))
                .ToArray();
            return new Case(
                spec, matrixRows, weights, wMax, random.Next(0, matrixRows - rowCount + 1), rowCount,
                random.Next(0, matrixColumns - colCount + 1), colCount, stuck);
        }

        // Mostly uniform in [-1.3 w_max, 1.3 w_max] (some saturate), plus zeros of both signs, +-w_max and weights
        // whose two-column conductance lands near a halfway point between levels.
        private static float[] Draw(Random random, int count, double wMax, CrossbarSpec spec)
        {
            double range = wMax > 0 ? wMax : 1;
            double k = (spec.GOn - spec.GOff) / range;
            var weights = new float[count];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = random.Next(8) switch
                {
                    0 => 0f,
                    1 => -0f,
                    2 => (float)(random.Next(2) == 0 ? range : -range),
                    3 => (float)((random.Next(spec.Levels) + 0.5) * spec.Step / k * (random.Next(2) == 0 ? 1 : -1)),
                    _ => (float)((random.NextDouble() * 2.6 - 1.3) * range),
                };
            }

            return weights;
        }

        public void Check(Action<CrossbarTile, float[]> write, Action<double[]> reference)
        {
            var tile = new CrossbarTile(Spec);
            foreach (var (row, column, fault) in Stuck)
            {
                tile.SetFault(row, column, fault);
            }

            write(tile, Weights);

            var expected = new double[Spec.CellCount];
            Array.Fill(expected, double.NaN);
            reference(expected);
            foreach (var (row, column, fault) in Stuck)
            {
                expected[row * Spec.Columns + column] = fault == CellFault.StuckOn ? Spec.GOn : Spec.GOff;
            }

            for (int cell = 0; cell < expected.Length; cell++)
            {
                BitConverter.DoubleToInt64Bits(tile.Conductance[cell]).ShouldBe(
                    BitConverter.DoubleToInt64Bits(expected[cell]),
                    $"cell ({cell / Spec.Columns}, {cell % Spec.Columns}) of {Spec} holding block rows {RowStart}+{RowCount}, columns {ColStart}+{ColCount}");
            }
        }
    }

    /// <summary>The kernels before vectorisation: a formula and a quantization per cell, every other cell idle.</summary>
    private static class Reference
    {
        public static void Pairs(Case c, double[] cells, Func<double, double, CrossbarSpec, (double, double)> pair, double idle)
        {
            var spec = c.Spec;
            double k = SchemeMath.Scale(c.WMax, spec);
            Array.Fill(cells, idle);
            for (int j = 0; j < c.ColCount; j++)
            {
                for (int i = 0; i < c.RowCount; i++)
                {
                    (double gPlus, double gMinus) = pair(c.Weights[(c.ColStart + j) * c.MatrixRows + c.RowStart + i], k, spec);
                    cells[i * spec.Columns + 2 * j] = spec.Quantize(gPlus);
                    cells[i * spec.Columns + 2 * j + 1] = spec.Quantize(gMinus);
                }
            }
        }

        public static void Offset(Case c, double[] cells)
        {
            var spec = c.Spec;
            double k = SchemeMath.Scale(c.WMax, spec);
            double offset = SchemeMath.EffectiveWMax(c.WMax);
            Array.Fill(cells, spec.Mid);
            for (int j = 0; j < c.ColCount; j++)
            {
                for (int i = 0; i < c.RowCount; i++)
                {
                    float w = c.Weights[(c.ColStart + j) * c.MatrixRows + c.RowStart + i];
                    cells[i * spec.Columns + j] = spec.Quantize(SchemeMath.OffsetCell(w, offset, k, spec));
                }
            }
        }
    }
}
