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
}
