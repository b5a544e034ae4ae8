using System.Xml.Linq;
using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class AccuracyPlotTests : CampaignFolder
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static CampaignSummary Summary() => CampaignSummary.From(
        SummaryRows.For(new("DM", "two-column", 0), 0.91, (1e-5, [0.9, 0.91]), (1e-3, [0.8, 0.85]), (0.3, [0.1, 0.12]))
            .Concat(SummaryRows.For(new("DM", "differential", 0), 0.91, (1e-5, [0.91, 0.91]), (1e-3, [0.9, 0.88]), (0.3, [0.2, 0.1])))
            .Concat(SummaryRows.For(new("DM", "differential", 0.8), 0.9, (1e-5, [0.9, 0.9]), (1e-3, [0.9, 0.9]), (0.3, [0.5, 0.4]))));

    [Fact]
    public void The_plot_is_well_formed_svg_with_one_line_per_configuration_and_its_legend()
    {
        string path = FileIn("accuracy-vs-rate.svg");

        AccuracyPlot.WriteSvg(Summary(), path, "LeNet-5 <stuck-on> & pruning");

        XDocument svg = XDocument.Load(path);
        svg.Root!.Name.ShouldBe(Svg + "svg");
        svg.Descendants(Svg + "polyline").Count().ShouldBe(3);
        svg.Descendants(Svg + "polygon").Count().ShouldBe(3); // worst-to-best bands
        string[] texts = [.. svg.Descendants(Svg + "text").Select(t => t.Value)];
        texts.ShouldContain("differential, 80% sparse");
        texts.ShouldContain("differential, unpruned");
        texts.ShouldContain("two-column, unpruned");
        texts.ShouldContain("stuck-on cell rate (log scale)");
        texts.ShouldContain("test accuracy (%)");
        texts.ShouldContain("LeNet-5 <stuck-on> & pruning");
        foreach (string tick in new[] { "0.001%", "0.01%", "0.1%", "1%", "10%", "100%", "0", "50", "100" })
        {
            texts.ShouldContain(tick);
        }
    }

    [Fact]
    public void Schemes_get_different_hues_and_the_output_is_deterministic()
    {
        string svg = AccuracyPlot.Svg(Summary(), "t");
        XElement[] lines = [.. XDocument.Parse(svg).Descendants(Svg + "polyline")];

        string Stroke(string label) => lines.Single(l => l.Value == label).Attribute("stroke")!.Value;
        Stroke("two-column, unpruned").ShouldBe("#08519c");
        Stroke("differential, unpruned").ShouldBe("#a50f15");
        Stroke("differential, 80% sparse").ShouldNotBe(Stroke("differential, unpruned"));
        AccuracyPlot.Svg(Summary(), "t").ShouldBe(svg);
        svg.ShouldNotContain("\r");
    }

    [Theory]
    [InlineData(-5, "0.001%")]
    [InlineData(-3, "0.1%")]
    [InlineData(-2, "1%")]
    [InlineData(-1, "10%")]
    [InlineData(0, "100%")]
    public void Decade_labels_are_percentages(int decade, string label)
    {
        AccuracyPlot.DecadeLabel(decade).ShouldBe(label);
    }
}
