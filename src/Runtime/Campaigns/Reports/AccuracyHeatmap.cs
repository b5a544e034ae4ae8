using System.Globalization;
using System.Text;
using MapDsl.Runtime.IO;

namespace MapDsl.Runtime.Campaigns.Reports;

/// <summary>
/// An SVG heatmap of accuracy over two axes of a campaign, e.g. fault rate (rows) by retraining (columns): each cell
/// coloured from red (low) through yellow to green (high) over the accuracies shown, with its value written in it,
/// and optionally one cell per row outlined (e.g. the least retraining that suffices at that rate).
/// </summary>
public static class AccuracyHeatmap
{
    private const double CellWidth = 78, CellHeight = 34, Left = 150, Top = 70;

    /// <summary>Writes the heatmap to <paramref name="path"/> atomically.</summary>
    /// <param name="path">Target file, usually ending in .svg.</param>
    /// <param name="title">The title above the map.</param>
    /// <param name="rowTitle">What the rows are, e.g. "PE fault rate".</param>
    /// <param name="columnTitle">What the columns are, e.g. "retraining (epochs)".</param>
    /// <param name="rows">The row labels, top to bottom.</param>
    /// <param name="columns">The column labels, left to right.</param>
    /// <param name="accuracy">accuracy[row, column], fractions; NaN for a cell without a value.</param>
    /// <param name="outlined">Per row, the column to outline, or null for none.</param>
    public static void WriteSvg(
        string path, string title, string rowTitle, string columnTitle, IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] accuracy, IReadOnlyList<int?>? outlined = null) =>
        AtomicFile.WriteText(path, Svg(title, rowTitle, columnTitle, rows, columns, accuracy, outlined));

    /// <summary>The heatmap's SVG text (see <see cref="WriteSvg"/>).</summary>
    /// <returns>The text, lines ending in \n.</returns>
    public static string Svg(
        string title, string rowTitle, string columnTitle, IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] accuracy, IReadOnlyList<int?>? outlined = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(accuracy);
        if (accuracy.GetLength(0) != rows.Count || accuracy.GetLength(1) != columns.Count || (outlined is not null && outlined.Count != rows.Count))
        {
            throw new ArgumentException($"The map is {rows.Count} x {columns.Count}, but the accuracies are {accuracy.GetLength(0)} x {accuracy.GetLength(1)}.", nameof(accuracy));
        }

        double[] values = [.. accuracy.Cast<double>().Where(double.IsFinite)];
        double low = values.DefaultIfEmpty(0).Min(), high = values.DefaultIfEmpty(1).Max();
        // Wide enough for the title too (about 8.5 px per character of bold 16 px text).
        double width = Math.Max(Left + (columns.Count * CellWidth) + 30, (title.Length * 8.5) + 40), height = Top + (rows.Count * CellHeight) + 50;
        var svg = new StringBuilder();
        void Line(string text) => svg.Append(text).Append('\n');

        SvgText.Open(Line, width, height, title);
        Line($"<text x=\"{N(width / 2)}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>");
        Line($"<text x=\"{N(Left + (columns.Count * CellWidth / 2))}\" y=\"{N(Top - 22)}\" text-anchor=\"middle\">{Escape(columnTitle)}</text>");
        Line($"<text x=\"20\" y=\"{N(Top + (rows.Count * CellHeight / 2))}\" transform=\"rotate(-90 20 {N(Top + (rows.Count * CellHeight / 2))})\" text-anchor=\"middle\">{Escape(rowTitle)}</text>");
        for (int c = 0; c < columns.Count; c++)
        {
            Line($"<text x=\"{N(Left + ((c + 0.5) * CellWidth))}\" y=\"{N(Top - 6)}\" text-anchor=\"middle\">{Escape(columns[c])}</text>");
        }

        for (int r = 0; r < rows.Count; r++)
        {
            double y = Top + (r * CellHeight);
            Line($"<text x=\"{N(Left - 8)}\" y=\"{N(y + (CellHeight / 2) + 4)}\" text-anchor=\"end\">{Escape(rows[r])}</text>");
            for (int c = 0; c < columns.Count; c++)
            {
                double value = accuracy[r, c];
                double x = Left + (c * CellWidth);
                string fill = double.IsFinite(value) ? Colour(high > low ? (value - low) / (high - low) : 1) : "#eeeeee";
                Line($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(CellWidth)}\" height=\"{N(CellHeight)}\" fill=\"{fill}\" stroke=\"#ffffff\"/>");
                if (double.IsFinite(value))
                {
                    Line($"<text x=\"{N(x + (CellWidth / 2))}\" y=\"{N(y + (CellHeight / 2) + 4)}\" text-anchor=\"middle\">{(100 * value).ToString("0.0", CultureInfo.InvariantCulture)}</text>");
                }
            }

            if (outlined?[r] is { } mark)
            {
                Line($"<rect x=\"{N(Left + (mark * CellWidth) + 1.5)}\" y=\"{N(y + 1.5)}\" width=\"{N(CellWidth - 3)}\" height=\"{N(CellHeight - 3)}\" fill=\"none\" stroke=\"#000000\" stroke-width=\"3\"/>");
            }
        }

        Line($"<text x=\"{N(Left)}\" y=\"{N(height - 18)}\">accuracy in %, coloured from {(100 * low).ToString("0.0", CultureInfo.InvariantCulture)} (red) to {(100 * high).ToString("0.0", CultureInfo.InvariantCulture)} (green)</text>");
        Line("</svg>");
        return svg.ToString();
    }

    // Red (0) through yellow (0.5) to green (1).
    private static string Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        int red = t < 0.5 ? 230 : (int)Math.Round(230 - ((t - 0.5) * 2 * 140));
        int green = t < 0.5 ? (int)Math.Round(90 + (t * 2 * 130)) : (int)Math.Round(220 - ((t - 0.5) * 2 * 40));
        int blue = 90;
        return $"#{red:x2}{green:x2}{blue:x2}";
    }

    private static string N(double value) => SvgText.N(value);

    private static string Escape(string text) => SvgText.Escape(text);
}
