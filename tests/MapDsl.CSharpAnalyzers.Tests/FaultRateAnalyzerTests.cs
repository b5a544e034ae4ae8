using MapDsl.Analyzers.CallSites;
using MapDsl.CSharpAnalyzers.Tests.Support;
using Verifier = MapDsl.CSharpAnalyzers.Tests.Support.Verify<MapDsl.Analyzers.CallSites.FaultRateAnalyzer>;

namespace MapDsl.CSharpAnalyzers.Tests;

/// <summary>XMAP1001 and XMAP1002: constant fault rates that FaultRates is certain to reject.</summary>
public sealed class FaultRateAnalyzerTests
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
    public async Task A_percentage_in_the_constructor_is_XMAP1001_with_the_fraction_it_meant()
    {
        await Verifier.AnalyzerAsync(
            InMethod("return new FaultRates({|#0:2|}, 0, 0.001, 0);"),
            expected: Verifier.Diagnostic("XMAP1001").WithLocation(0).WithArguments("StuckOn", "2", "0.02"));
    }

    [Fact]
    public async Task Percentages_in_With_and_in_init_properties_are_XMAP1001()
    {
        await Verifier.AnalyzerAsync(
            InMethod("""
                var a = rates.With(FaultKind.Pe, {|#0:5|});
                var b = rates with { BitFlip = {|#1:1.5|} };
                return new FaultRates(0, 0, 0, 0) { StuckOff = {|#2:50f|} };
                """),
            expected:
            [
                Verifier.Diagnostic("XMAP1001").WithLocation(0).WithArguments("Pe", "5", "0.05"),
                Verifier.Diagnostic("XMAP1001").WithLocation(1).WithArguments("BitFlip", "1.5", "0.015"),
                Verifier.Diagnostic("XMAP1001").WithLocation(2).WithArguments("StuckOff", "50", "0.5"),
            ]);
    }

    [Fact]
    public async Task A_named_constant_is_checked_like_a_literal()
    {
        await Verifier.AnalyzerAsync(
            InMethod("""
                const double BitFlipPercent = 3;
                return new FaultRates(0, 0, {|XMAP1001:BitFlipPercent|}, 0);
                """));
    }

    [Fact]
    public async Task Negative_and_above_100_and_NaN_rates_are_XMAP1002()
    {
        await Verifier.AnalyzerAsync(
            InMethod("return new FaultRates({|#0:-0.1|}, 0, {|#1:250|}, {|#2:double.NaN|});"),
            expected:
            [
                Verifier.Diagnostic("XMAP1002").WithLocation(0).WithArguments("StuckOn rate -0.1 is outside 0..1; fault rates are per-unit probabilities"),
                Verifier.Diagnostic("XMAP1002").WithLocation(1).WithArguments("BitFlip rate 250 is outside 0..1; fault rates are per-unit probabilities"),
                Verifier.Diagnostic("XMAP1002").WithLocation(2).WithArguments("Pe rate NaN is outside 0..1; fault rates are per-unit probabilities"),
            ]);
    }

    [Fact]
    public async Task Stuck_on_and_stuck_off_adding_up_to_more_than_1_is_XMAP1002_at_stuck_off()
    {
        await Verifier.AnalyzerAsync(
            InMethod("return new FaultRates(0.7, {|#0:0.4|}, 0, 0);"),
            expected: Verifier.Diagnostic("XMAP1002").WithLocation(0)
                .WithArguments("StuckOn 0.7 and StuckOff 0.4 add up to more than 1; a cell is stuck one way or the other, never both"));
    }

    [Fact]
    public async Task Fractions_including_0_and_1_and_an_exact_sum_of_1_are_not_reported()
    {
        await Verifier.AnalyzerAsync(InMethod("""
            var full = new FaultRates(0.7, 0.3, 1, 0);
            var none = new FaultRates(0, 0, 0, 0.02) { BitFlip = 1e-6 };
            return full.With(FaultKind.StuckOn, 0.5) with { Pe = 1.0 };
            """));
    }

    [Fact]
    public async Task Rates_known_only_at_run_time_are_not_reported()
    {
        await Verifier.AnalyzerAsync(InMethod("""
            var percent = rates.Pe * 100;
            return new FaultRates(percent, rates.StuckOff, percent / 100, 0) with { BitFlip = percent };
            """));
    }

    [Fact]
    public async Task A_look_alike_FaultRates_of_another_namespace_is_not_reported()
    {
        await Verifier.AnalyzerAsync("""
            namespace Elsewhere
            {
                sealed record FaultRates(double StuckOn, double StuckOff, double BitFlip, double Pe);

                static class Experiment
                {
                    static FaultRates Rates() => new FaultRates(2, 0, 0, 0);
                }
            }
            """);
    }

    [Fact]
    public void The_analyzer_reports_only_its_two_descriptors()
    {
        new FaultRateAnalyzer().SupportedDiagnostics.Select(d => d.Id).ShouldBe(["XMAP1001", "XMAP1002"]);
    }
}
