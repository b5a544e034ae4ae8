using MapDsl.Runtime.IO;
using System.Globalization;
using System.Text;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Draws accuracy against stuck-on rate as a self-contained SVG file (no scripts, fonts or libraries): a log x axis
/// with decade ticks (0.001%, 0.01%, ..., 10%), a y axis of test accuracy from 0% to 100% with gridlines every 10,
/// one polyline of mean accuracy per configuration over a translucent band from its worst to its best chip, and a
/// dotted line at its fault-free baseline. Colours follow the scheme (two-column blue, differential red), shades and
/// dash patterns the sparsity. The output depends only on the summary and the title.
/// </summary>
public static class AccuracyPlot
{
    private const double Width = 960, Height = 560;
    private const double Left = 80, Top = 56, PlotWidth = 580, PlotHeight = 420;
    private const double LegendLeft = Left + PlotWidth + 30;

    /// <summary>Writes the plot to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <param name="summary">The campaign's summary.</param>
    /// <param name="path">Target file, usually <c>accuracy-vs-rate.svg</c>; replaced if it exists.</param>
    /// <param name="title">The plot's title.</param>
    public static void WriteSvg(CampaignSummary summary, string path, string title) => AtomicFile.WriteText(path, Svg(summary, title));

    /// <summary>The SVG text of the plot (UTF-8, <c>\n</c> line ends, invariant number formatting).</summary>
    /// <param name="summary">The campaign's summary.</param>
    /// <param name="title">The plot's title.</param>
    /// <returns>The SVG document.</returns>
    public static string Svg(CampaignSummary summary, string title)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(title);
        IReadOnlyList<ConfigurationSummary> configs = summary.Configurations;
        IReadOnlyList<PlotStyle> styles = PlotStyle.For(configs);
        double[] rates = [.. configs.SelectMany(c => c.Points).Select(p => p.Rate)];
        int lowDecade = rates.Length == 0 ? -5 : (int)Math.Floor(Math.Log10(rates.Min()) + 1e-9);
        int highDecade = rates.Length == 0 ? 0 : (int)Math.Ceiling(Math.Log10(rates.Max()) - 1e-9);
        if (highDecade <= lowDecade)
        {
            highDecade = lowDecade + 1;
        }

        double X(double rate) => Left + (Math.Log10(rate) - lowDecade) / (highDecade - lowDecade) * PlotWidth;
        double Y(double accuracy) => Top + (1 - Math.Clamp(accuracy, 0, 1)) * PlotHeight;

        var svg = new StringBuilder();
        void Line(string text) => svg.Append(text).Append('\n');

        SvgText.Open(Line, Width, Height, title);
        Line($"<text x=\"{N(Left + PlotWidth / 2)}\" y=\"30\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{Escape(title)}</text>");

        // Grid and axes first, so the data is drawn over them.
        Line("<g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">");
        for (int percent = 0; percent <= 100; percent += 10)
        {
            Line($"<line x1=\"{N(Left)}\" y1=\"{N(Y(percent / 100.0))}\" x2=\"{N(Left + PlotWidth)}\" y2=\"{N(Y(percent / 100.0))}\"/>");
        }

        for (int decade = lowDecade; decade <= highDecade; decade++)
        {
            double x = Left + (decade - lowDecade) / (double)(highDecade - lowDecade) * PlotWidth;
            Line($"<line x1=\"{N(x)}\" y1=\"{N(Top)}\" x2=\"{N(x)}\" y2=\"{N(Top + PlotHeight)}\"/>");
        }

        Line("</g>");
        Line($"<rect x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(PlotWidth)}\" height=\"{N(PlotHeight)}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>");
        Line("<g class=\"y-ticks\" text-anchor=\"end\">");
        for (int percent = 0; percent <= 100; percent += 10)
        {
            Line($"<text x=\"{N(Left - 8)}\" y=\"{N(Y(percent / 100.0) + 4)}\">{percent.ToString(CultureInfo.InvariantCulture)}</text>");
        }

        Line("</g>");
        Line("<g class=\"x-ticks\" text-anchor=\"middle\">");
        for (int decade = lowDecade; decade <= highDecade; decade++)
        {
            double x = Left + (decade - lowDecade) / (double)(highDecade - lowDecade) * PlotWidth;
            Line($"<text x=\"{N(x)}\" y=\"{N(Top + PlotHeight + 20)}\">{DecadeLabel(decade)}</text>");
        }

        Line("</g>");
        Line($"<text x=\"{N(Left + PlotWidth / 2)}\" y=\"{N(Top + PlotHeight + 48)}\" text-anchor=\"middle\">stuck-on cell rate (log scale)</text>");
        Line($"<text x=\"24\" y=\"{N(Top + PlotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 24 {N(Top + PlotHeight / 2)})\">test accuracy (%)</text>");

        // Bands under all lines, so no band hides another configuration's line.
        Line("<g class=\"bands\">");
        for (int i = 0; i < configs.Count; i++)
        {
            IReadOnlyList<CurvePoint> points = configs[i].Points;
            IEnumerable<string> upper = points.Select(p => $"{N(X(p.Rate))},{N(Y(p.Best))}");
            IEnumerable<string> lower = points.Reverse().Select(p => $"{N(X(p.Rate))},{N(Y(p.Worst))}");
            Line($"<polygon points=\"{string.Join(' ', upper.Concat(lower))}\" fill=\"{styles[i].Colour}\" fill-opacity=\"0.15\" stroke=\"none\"/>");
        }

        Line("</g>");
        Line("<g class=\"baselines\" stroke-width=\"1\" stroke-dasharray=\"1 4\" stroke-opacity=\"0.8\">");
        for (int i = 0; i < configs.Count; i++)
        {
            double y = Y(configs[i].BaselineAccuracy);
            Line($"<line x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Left + PlotWidth)}\" y2=\"{N(y)}\" stroke=\"{styles[i].Colour}\"/>");
        }

        Line("</g>");
        Line("<g class=\"curves\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\">");
        for (int i = 0; i < configs.Count; i++)
        {
            string points = string.Join(' ', configs[i].Points.Select(p => $"{N(X(p.Rate))},{N(Y(p.Mean))}"));
            Line($"<polyline points=\"{points}\" stroke=\"{styles[i].Colour}\"{Dashes(styles[i])}><title>{Escape(configs[i].Configuration.Label)}</title></polyline>");
        }

        Line("</g>");
        Line("<g class=\"legend\">");
        for (int i = 0; i < configs.Count; i++)
        {
            double y = Top + 10 + i * 22;
            Line($"<line x1=\"{N(LegendLeft)}\" y1=\"{N(y)}\" x2=\"{N(LegendLeft + 32)}\" y2=\"{N(y)}\" stroke=\"{styles[i].Colour}\" stroke-width=\"2\"{Dashes(styles[i])}/>");
            Line($"<text x=\"{N(LegendLeft + 40)}\" y=\"{N(y + 4)}\">{Escape(configs[i].Configuration.Label)}</text>");
        }

        double notes = Top + 10 + configs.Count * 22 + 12;
        Line($"<text x=\"{N(LegendLeft)}\" y=\"{N(notes)}\" fill=\"#555555\" font-size=\"11\">lines: mean over chips</text>");
        Line($"<text x=\"{N(LegendLeft)}\" y=\"{N(notes + 16)}\" fill=\"#555555\" font-size=\"11\">bands: worst to best chip</text>");
        Line($"<text x=\"{N(LegendLeft)}\" y=\"{N(notes + 32)}\" fill=\"#555555\" font-size=\"11\">dotted: fault-free baseline</text>");
        Line("</g>");
        Line("</svg>");
        return svg.ToString();
    }

    /// <summary>The label of the decade 10^<paramref name="decade"/> as a percentage: -5 gives "0.001%", -1 gives "10%".</summary>
    internal static string DecadeLabel(int decade)
    {
        // Built from digits rather than formatted, so no rounding or exponent can creep in.
        int exponent = decade + 2;
        return exponent >= 0
            ? "1" + new string('0', exponent) + "%"
            : "0." + new string('0', -exponent - 1) + "1%";
    }

    private static string Dashes(PlotStyle style) => style.Dashes.Length == 0 ? string.Empty : $" stroke-dasharray=\"{style.Dashes}\"";

    private static string N(double value) => SvgText.N(value);

    private static string Escape(string text) => SvgText.Escape(text);
}
