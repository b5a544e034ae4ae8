using MapDsl.CodeFixes;
using Verifier = MapDsl.CSharpAnalyzers.Tests.Support.Verify<MapDsl.Analyzers.CallSites.FaultRateAnalyzer>;

namespace MapDsl.CSharpAnalyzers.Tests;

/// <summary>The XMAP1001 fix: the percentage literal becomes the fraction it meant.</summary>
public sealed class RateAsFractionCodeFixTests
{
    private static string InMethod(string body) => $$"""
        using MapDsl.Runtime.Faults;

        static class Experiment
        {
            static FaultRates Rates(FaultRates rates)
            {
                {{body}}
            }
        }
        """;

    [Fact]
    public async Task Replaces_2_by_0_02()
    {
        await Verifier.CodeFixAsync<RateAsFractionCodeFix>(
            InMethod("return new FaultRates({|XMAP1001:2|}, 0, 0.001, 0);"),
            InMethod("return new FaultRates(0.02, 0, 0.001, 0);"));
    }

    [Fact]
    public async Task Fixes_every_percentage_in_with_expressions_and_With_calls_keeping_comments()
    {
        await Verifier.CodeFixAsync<RateAsFractionCodeFix>(
            InMethod("return rates.With(FaultKind.Pe, {|XMAP1001:12.5f|}) with { BitFlip = /* from the paper */ {|XMAP1001:100|} };"),
            InMethod("return rates.With(FaultKind.Pe, 0.125) with { BitFlip = /* from the paper */ 1 };"));
    }

    [Fact]
    public async Task A_named_constant_is_reported_but_not_rewritten()
    {
        // The constant may be used as a percentage elsewhere: the fix does not guess.
        var source = InMethod("""
            const double Percent = 3;
            return new FaultRates(0, 0, {|XMAP1001:Percent|}, 0);
            """);
        await Verifier.CodeFixAsync<RateAsFractionCodeFix>(source, source);
    }
}
