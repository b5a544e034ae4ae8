using System.Globalization;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Pipeline;

/// <summary>
/// Output must not depend on the machine's culture: a comma decimal separator (de-DE) or a
/// Unicode minus sign (sv-SE) must never leak into numbers read from .xmap files or written into C#.
/// </summary>
[Collection(nameof(CultureTests))] // changes the thread culture; keep it away from parallel tests
public class CultureTests
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("sv-SE")]
    [InlineData("fa-IR")]
    public void Generated_code_is_identical_under_any_culture(string culture)
    {
        var invariant = GenerateAll(CultureInfo.InvariantCulture);

        var local = GenerateAll(new CultureInfo(culture));

        local.ShouldBe(invariant);
        invariant.ShouldContain(s => s.Contains("public const double GOff = 1E-06;", StringComparison.Ordinal));
        invariant.ShouldContain(s => s.Contains("public const double StuckOff = 0.004;", StringComparison.Ordinal));
    }

    [Fact]
    public void Decimals_and_percentages_parse_the_same_under_a_comma_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var program = Bind.Text("faults F { stuck-on 0.25%; stuck-off 0.5; }");

            var faults = program.Declarations.OfType<Model.FaultsModel>().Single();
            (faults.StuckOn, faults.StuckOff).ShouldBe((0.0025, 0.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static string[] GenerateAll(CultureInfo culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var files = XmapFiles.Valid.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToArray();
            var (output, run) = Compiler.Generate(string.Empty, files);
            Compiler.Errors(output).ShouldBeEmpty();
            return [.. run.GeneratedTrees.Select(t => t.ToString())];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
