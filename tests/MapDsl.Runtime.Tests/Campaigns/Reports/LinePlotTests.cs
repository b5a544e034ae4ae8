using System.Xml.Linq;
using MapDsl.Runtime.Campaigns.Reports;

namespace MapDsl.Runtime.Tests.Campaigns.Reports;

/// <summary>A line plot puts each point where the axes say and names each series.</summary>
public sealed class LinePlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Points_land_on_axes_from_zero_to_a_round_end()
    {
        var svg = XDocument.Parse(LinePlot.Svg("t", "chips", "epochs", [new LineSeries("a", [(1, 0), (20, 6.75)]), new LineSeries("b", [(1, 0), (20, 4.75)])]));

        // x: 0..20 over 460 px from 80; y: 0..7 (6.75 rounded up to whole steps) over 330 px up from 386.
        var lines = svg.Descendants(Svg + "polyline").Select(p => p.Attribute("points")!.Value).ToList();
        lines[0].ShouldBe($"103,386 540,{386 - (6.75 / 7 * 330):0.##}");
        lines[1].ShouldBe($"103,386 540,{386 - (4.75 / 7 * 330):0.##}");
        svg.Descendants(Svg + "text").Select(t => t.Value).ShouldContain("a");
        svg.Descendants(Svg + "text").Select(t => t.Value).ShouldContain("7");
        Should.Throw<ArgumentException>(() => LinePlot.Svg("t", "x", "y", []));
    }
}
