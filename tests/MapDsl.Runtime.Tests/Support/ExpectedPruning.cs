using MathNet.Numerics.LinearAlgebra;

namespace MapDsl.Runtime.Tests.Support;

/// <summary>Independent reference for pruning: a plain sort, and the crossbar matrix built by MathNet from PyTorch layout.</summary>
internal static class ExpectedPruning
{
    /// <summary>The round(s * n) units with the smallest magnitude, lower index first on ties.</summary>
    public static HashSet<int> Smallest(IReadOnlyList<double> magnitudes, double sparsity) =>
        Smallest(magnitudes, (int)Math.Round(sparsity * magnitudes.Count, MidpointRounding.AwayFromZero));

    public static HashSet<int> Smallest(IReadOnlyList<double> magnitudes, int count) =>
        magnitudes
            .Select((magnitude, index) => (magnitude, index))
            .OrderBy(unit => unit.magnitude)
            .ThenBy(unit => unit.index)
            .Take(count)
            .Select(unit => unit.index)
            .ToHashSet();

    /// <summary>PyTorch [out, in] flattened is the column-major storage of the in x out crossbar matrix.</summary>
    public static Matrix<double> CrossbarMatrix(float[] weights, int matrixRows, int matrixColumns) =>
        Matrix<double>.Build.DenseOfColumnMajor(matrixRows, matrixColumns, weights.Select(w => (double)w).ToArray());
}
