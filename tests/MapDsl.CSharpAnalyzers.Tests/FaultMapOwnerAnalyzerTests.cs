using Verifier = MapDsl.CSharpAnalyzers.Tests.Support.Verify<MapDsl.Analyzers.CallSites.FaultMapOwnerAnalyzer>;

namespace MapDsl.CSharpAnalyzers.Tests;

/// <summary>XMAP1004: a fault map sampled by one generated mapping injected by another.</summary>
public sealed class FaultMapOwnerAnalyzerTests
{
    private static string InMethod(string body) => $$"""
        using MapDsl.Runtime.Faults;

        static class Experiment
        {
            static void Run(FaultRates rates, Lab.DM.State chip, Lab.TC.State other, FaultMap loaded, bool flag)
            {
                {{body}}
            }
        }
        """;

    [Fact]
    public async Task Injecting_the_result_of_another_mappings_SampleFaults_is_XMAP1004()
    {
        await Verifier.AnalyzerAsync(
            InMethod("Lab.DM.Inject(chip, {|#0:Lab.TC.SampleFaults(rates, 1)|});"),
            withLab: true,
            Verifier.Diagnostic("XMAP1004").WithLocation(0).WithArguments("DM", "TC"));
    }

    [Fact]
    public async Task A_local_assigned_once_from_another_mappings_SampleFaults_is_XMAP1004()
    {
        await Verifier.AnalyzerAsync(
            InMethod("""
                var faultsOfTC = Lab.TC.SampleFaults(rates, 7);
                Lab.TC.Inject(other, faultsOfTC);
                Lab.DM.Inject(chip, {|#0:faultsOfTC|});
                """),
            withLab: true,
            Verifier.Diagnostic("XMAP1004").WithLocation(0).WithArguments("DM", "TC"));
    }

    [Fact]
    public async Task The_same_mappings_fault_map_is_not_reported()
    {
        await Verifier.AnalyzerAsync(
            InMethod("""
                var faults = Lab.DM.SampleFaults(rates, 7);
                Lab.DM.Inject(chip, faults);
                Lab.DM.Inject(chip, Lab.DM.SampleFaults(rates, 8));
                """),
            withLab: true);
    }

    [Fact]
    public async Task A_local_written_again_or_a_map_from_elsewhere_is_not_reported()
    {
        // After the reassignment the map may be DM's: only a local with one assignment is followed.
        await Verifier.AnalyzerAsync(
            InMethod("""
                var faults = Lab.TC.SampleFaults(rates, 7);
                if (flag)
                {
                    faults = Lab.DM.SampleFaults(rates, 7);
                }

                Lab.DM.Inject(chip, faults);
                Lab.DM.Inject(chip, loaded);
                Lab.DM.Inject(chip, flag ? loaded : Lab.DM.SampleFaults(rates, 9));
                """),
            withLab: true);
    }

    [Fact]
    public async Task A_chip_of_another_mapping_does_not_compile_at_all()
    {
        // The other half of the mistake needs no analyzer: State is typed by its mapping (CS1503).
        await Verifier.AnalyzerAsync(
            InMethod("Lab.DM.Inject({|CS1503:other|}, Lab.DM.SampleFaults(rates, 1));"),
            withLab: true);
    }
}
