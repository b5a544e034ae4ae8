using System.Xml.Linq;
using MapDsl.Runtime.Campaigns.Reports;

namespace MapDsl.Runtime.Tests.Campaigns.Reports;

/// <summary>The heatmap has one cell per value, its value written in it, and the outlined cells where asked.</summary>
public sealed class AccuracyHeatmapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Every_cell_is_drawn_with_its_value_and_the_marks_outline_their_cells()
    {
        var text = AccuracyHeatmap.Svg("t & u", "rate", "epochs", ["1%", "10%"], ["0", "1", "2"], new double[,] { { 0.9, 0.91, double.NaN }, { 0.5, 0.8, 0.9 } }, [1, null]);

        var svg = XDocument.Parse(text);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        texts.ShouldContain("t & u");
        texts.ShouldContain("91.0");
        texts.ShouldContain("50.0");
        texts.Count(t => t.Contains('.')).ShouldBe(5 + 1); // five values and the colour scale's line
        var rects = svg.Descendants(Svg + "rect").ToList();
        rects.Count.ShouldBe(1 + 6 + 1); // background, cells, one outline
        var outline = rects.Single(r => r.Attribute("fill")!.Value == "none");
        (outline.Attribute("x")!.Value, outline.Attribute("y")!.Value).ShouldBe(("229.5", "71.5")); // row 0, column 1: 150 + 78 + 1.5, 70 + 1.5
        rects.Single(r => r.Attribute("fill")!.Value == "#eeeeee").ShouldNotBeNull(); // the cell without a value
    }

    [Fact]
    public void A_map_whose_sizes_disagree_is_refused() =>
        Should.Throw<ArgumentException>(() => AccuracyHeatmap.Svg("t", "r", "c", ["a"], ["x", "y"], new double[2, 2]));
}
