namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The colour and dash pattern of a configuration's line in <see cref="AccuracyPlot"/>: the hue says the scheme
/// (two-column blue, differential red, anything else green), the shade and dash pattern say the sparsity, darkest
/// and solid for the lowest sparsity of that scheme.
/// </summary>
internal readonly record struct PlotStyle(string Colour, string Dashes)
{
    private static readonly string[] Blues = ["#08519c", "#3182bd", "#6baed6", "#2171b5", "#4292c6"];
    private static readonly string[] Reds = ["#a50f15", "#de2d26", "#fb6a4a", "#cb181d", "#ef3b2c"];
    private static readonly string[] Greens = ["#006d2c", "#31a354", "#74c476", "#238b45", "#41ab5d"];

    // Dashes distinguish sparsities in grey-scale print, where shades alone would not.
    private static readonly string[] DashPatterns = ["", "8 4", "3 3", "10 3 2 3", "1 3"];

    public static IReadOnlyList<PlotStyle> For(IReadOnlyList<ConfigurationSummary> configurations)
    {
        var styles = new PlotStyle[configurations.Count];
        foreach (var scheme in configurations.Select((c, i) => (c.Configuration, Index: i)).GroupBy(x => x.Configuration.Scheme))
        {
            string[] palette = scheme.Key switch
            {
                "two-column" => Blues,
                "differential" => Reds,
                _ => Greens,
            };

            int rank = 0;
            foreach (var entry in scheme.OrderBy(x => x.Configuration.Sparsity).ThenBy(x => x.Configuration.Mapping, StringComparer.Ordinal))
            {
                styles[entry.Index] = new PlotStyle(palette[rank % palette.Length], DashPatterns[rank % DashPatterns.Length]);
                rank++;
            }
        }

        return styles;
    }
}
