using System.Globalization;
using System.Text;
using MapDsl.Runtime.IO;

namespace MapDsl.Runtime.Campaigns.Reports;

/// <summary>A named series of (x, y) points for <see cref="LinePlot"/>.</summary>
/// <param name="Name">The legend's text.</param>
/// <param name="Points">The points, in drawing order.</param>
public sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// A plain SVG line plot on linear axes from 0, e.g. total retraining against the number of chips for two methods:
/// one polyline and marker per series, ticks at round steps, a legend.
/// </summary>
public static class LinePlot
{
    private const double Width = 760, Height = 460, Left = 80, Top = 56, PlotWidth = 460, PlotHeight = 330;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    /// <summary>Writes the plot to <paramref name="path"/> atomically.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="title">The title.</param>
    /// <param name="xTitle">The x axis's title.</param>
    /// <param name="yTitle">The y axis's title.</param>
    /// <param name="series">One to six series.</param>
    public static void WriteSvg(string path, string title, string xTitle, string yTitle, IReadOnlyList<LineSeries> series) =>
        AtomicFile.WriteText(path, Svg(title, xTitle, yTitle, series));

    /// <summary>The plot's SVG text (see <see cref="WriteSvg"/>).</summary>
    /// <returns>The text, lines ending in \n.</returns>
    public static string Svg(string title, string xTitle, string yTitle, IReadOnlyList<LineSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count is < 1 || series.Count > Colours.Length)
        {
            throw new ArgumentException($"A line plot takes 1 to {Colours.Length} series, got {series.Count}.", nameof(series));
        }

        double xMax = Step(series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max(), out double xStep);
        double yMax = Step(series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(1).Max(), out double yStep);
        double X(double x) => Left + (x / xMax * PlotWidth);
        double Y(double y) => Top + PlotHeight - (y / yMax * PlotHeight);
        var svg = new StringBuilder();
        void Line(string text) => svg.Append(text).Append('\n');

        SvgText.Open(Line, Width, Height, title);
        Line($"<text x=\"{N(Left + (PlotWidth / 2))}\" y=\"30\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{SvgText.Escape(title)}</text>");
        Line("<g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">");
        for (double y = 0; y <= yMax + 1e-9; y += yStep)
        {
            Line($"<line x1=\"{N(Left)}\" y1=\"{N(Y(y))}\" x2=\"{N(Left + PlotWidth)}\" y2=\"{N(Y(y))}\"/>");
        }

        Line("</g>");
        for (double y = 0; y <= yMax + 1e-9; y += yStep)
        {
            Line($"<text x=\"{N(Left - 8)}\" y=\"{N(Y(y) + 4)}\" text-anchor=\"end\">{Label(y)}</text>");
        }

        for (double x = 0; x <= xMax + 1e-9; x += xStep)
        {
            Line($"<text x=\"{N(X(x))}\" y=\"{N(Top + PlotHeight + 20)}\" text-anchor=\"middle\">{Label(x)}</text>");
        }

        Line($"<rect x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(PlotWidth)}\" height=\"{N(PlotHeight)}\" fill=\"none\" stroke=\"#333333\"/>");
        Line($"<text x=\"{N(Left + (PlotWidth / 2))}\" y=\"{N(Top + PlotHeight + 44)}\" text-anchor=\"middle\">{SvgText.Escape(xTitle)}</text>");
        Line($"<text x=\"22\" y=\"{N(Top + (PlotHeight / 2))}\" transform=\"rotate(-90 22 {N(Top + (PlotHeight / 2))})\" text-anchor=\"middle\">{SvgText.Escape(yTitle)}</text>");
        for (int i = 0; i < series.Count; i++)
        {
            string points = string.Join(" ", series[i].Points.Select(p => $"{N(X(p.X))},{N(Y(p.Y))}"));
            Line($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{Colours[i]}\" stroke-width=\"2\"><title>{SvgText.Escape(series[i].Name)}</title></polyline>");
            foreach (var p in series[i].Points)
            {
                Line($"<circle cx=\"{N(X(p.X))}\" cy=\"{N(Y(p.Y))}\" r=\"3\" fill=\"{Colours[i]}\"/>");
            }

            double legend = Top + 10 + (i * 22);
            Line($"<line x1=\"{N(Left + PlotWidth + 24)}\" y1=\"{N(legend)}\" x2=\"{N(Left + PlotWidth + 54)}\" y2=\"{N(legend)}\" stroke=\"{Colours[i]}\" stroke-width=\"2\"/>");
            Line($"<text x=\"{N(Left + PlotWidth + 60)}\" y=\"{N(legend + 4)}\">{SvgText.Escape(series[i].Name)}</text>");
        }

        Line("</svg>");
        return svg.ToString();
    }

    // The axis end: the maximum rounded up to a multiple of a 1, 2 or 5 step giving at most 10 ticks.
    private static double Step(double max, out double step)
    {
        max = max > 0 ? max : 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / 10)));
        step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => max / s <= 10);
        return Math.Ceiling(max / step) * step;
    }

    private static string Label(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(double value) => SvgText.N(value);
}
