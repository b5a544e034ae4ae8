using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Support;

/// <summary>
/// A random layer (PyTorch layout), a random tile spec and a random block of the layer that fits one tile, for
/// round-trip tests. Element (r, c) of the crossbar matrix is <c>Weights[c * MatrixRows + r]</c>.
/// </summary>
internal sealed record RandomLayer(
    CrossbarSpec Spec, int MatrixRows, int MatrixColumns, float[] Weights, double WMax,
    int RowStart, int RowCount, int ColStart, int ColCount)
{
    private static readonly int[] LevelChoices = [2, 3, 4, 5, 16, 17, 64, 256];

    public static RandomLayer Create(int seed, Func<int, int> weightsPerTileRow)
    {
        var random = new Random(seed);
        var spec = new CrossbarSpec(
            Rows: random.Next(1, 25),
            Columns: random.Next(2, 25),
            Levels: LevelChoices[random.Next(LevelChoices.Length)],
            GOff: random.Next(0, 3) * 1e-6,
            GOn: random.Next(1, 3) * 50e-6);
        int matrixRows = random.Next(1, 41);
        int matrixColumns = random.Next(1, 31);
        float[] weights = RandomWeights.Uniform(random, matrixRows * matrixColumns, magnitude: 0.01 + 3 * random.NextDouble());

        int rowCount = random.Next(1, Math.Min(spec.Rows, matrixRows) + 1);
        int colCount = random.Next(1, Math.Min(weightsPerTileRow(spec.Columns), matrixColumns) + 1);
        return new RandomLayer(
            spec, matrixRows, matrixColumns, weights, RandomWeights.MaxAbs(weights),
            RowStart: random.Next(0, matrixRows - rowCount + 1),
            RowCount: rowCount,
            ColStart: random.Next(0, matrixColumns - colCount + 1),
            ColCount: colCount);
    }

    public bool InBlock(int row, int column) =>
        row >= RowStart && row < RowStart + RowCount && column >= ColStart && column < ColStart + ColCount;

    /// <summary>A weight array the size of the layer full of NaN, to prove what a read touched.</summary>
    public float[] Untouched()
    {
        var array = new float[Weights.Length];
        Array.Fill(array, float.NaN);
        return array;
    }

    /// <summary>Inside the block the read-back matches <paramref name="expected"/> within 1e-5 of w_max; outside it is untouched.</summary>
    public void ShouldReadBackAs(float[] readBack, Func<double, double> expected)
    {
        for (int c = 0; c < MatrixColumns; c++)
        {
            for (int r = 0; r < MatrixRows; r++)
            {
                float actual = readBack[c * MatrixRows + r];
                if (InBlock(r, c))
                {
                    double want = expected(Weights[c * MatrixRows + r]);
                    Math.Abs(actual - want).ShouldBeLessThanOrEqualTo(1e-5 * WMax, $"matrix element ({r}, {c}) of {this}");
                }
                else
                {
                    float.IsNaN(actual).ShouldBeTrue($"matrix element ({r}, {c}) is outside the block but was written");
                }
            }
        }
    }
}
