using System.Globalization;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// What a resolved pruning rule removes from one layer's crossbar matrix, counted the way
/// src/Runtime/Pruning selects (round(S · units), halves away from zero; docs/language.md, "pruning").
/// </summary>
internal static class PrunedUnits
{
    public static string Describe(LayerPruningModel rule)
    {
        var layer = rule.Layer;
        int rows = layer.MatrixRows, columns = layer.MatrixColumns;
        var weights = rows * columns;
        return rule.Kind switch
        {
            PruningKind.None => "nothing pruned",
            PruningKind.Unstructured => $"prunes {N(Count(rule.Sparsity, weights))} of {N(weights)} single weights",
            PruningKind.Rows => $"prunes {N(Count(rule.Sparsity, rows))} of {N(rows)} crossbar rows (inputs), {N(Count(rule.Sparsity, rows) * columns)} weights",
            PruningKind.Columns => $"prunes {N(Count(rule.Sparsity, columns))} of {N(columns)} crossbar columns (outputs), {N(Count(rule.Sparsity, columns) * rows)} weights",
            PruningKind.Blocks => Blocks(rule, rows, columns),
            PruningKind.Pattern => Pattern(rule, rows, columns),
            _ => NOfM(rule, rows, columns),
        };
    }

    private static string Blocks(LayerPruningModel rule, int rows, int columns)
    {
        var blocks = Ceiling(rows, rule.BlockRows) * Ceiling(columns, rule.BlockColumns);
        return $"prunes {N(Count(rule.Sparsity, blocks))} of {N(blocks)} blocks of {rule.BlockRows} x {rule.BlockColumns} (matrix rows x columns)";
    }

    private static string Pattern(LayerPruningModel rule, int rows, int columns)
    {
        var window = rule.BlockRows * rule.BlockColumns;
        var kernels = rows / window * columns;
        return $"each of {N(kernels)} kernels keeps {rule.Keep} of {window} entries: prunes {N(kernels * (window - rule.Keep))} of {N(rows * columns)} weights";
    }

    private static string NOfM(LayerPruningModel rule, int rows, int columns)
    {
        // Runs of M rows from row 0 of each column; a shorter last run keeps min(N, its length).
        var last = rows % rule.Group;
        var perColumn = rows / rule.Group * (rule.Group - rule.Keep) + (last - Math.Min(rule.Keep, last));
        return $"each run of {rule.Group} rows in a column keeps {rule.Keep}: prunes {N(perColumn * columns)} of {N(rows * columns)} weights";
    }

    private static int Count(double sparsity, int units) => (int)Math.Min(units, Math.Round(sparsity * units, MidpointRounding.AwayFromZero));

    private static int Ceiling(int total, int part) => part <= 0 ? 0 : (total + part - 1) / part;

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
