using System.Globalization;

namespace MapDsl.Runtime.Campaigns;

/// <summary>How the plots write numbers and text into SVG: invariant culture, at most two decimals, XML-escaped.</summary>
internal static class SvgText
{
    /// <summary>A coordinate or size: at most two decimals, invariant culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text for an element or attribute, with &amp;, &lt;, &gt; and quotes escaped.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>
    /// The opening every plot shares: the XML declaration, the svg element of that size (Helvetica 13), the title
    /// element and a white background. The plot closes the svg element itself.
    /// </summary>
    public static void Open(Action<string> line, double width, double height, string title)
    {
        line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">");
        line($"<title>{Escape(title)}</title>");
        line($"<rect x=\"0\" y=\"0\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>");
    }
}
