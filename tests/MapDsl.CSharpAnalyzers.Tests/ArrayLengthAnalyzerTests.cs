using Verifier = MapDsl.CSharpAnalyzers.Tests.Support.Verify<MapDsl.Analyzers.CallSites.ArrayLengthAnalyzer>;

namespace MapDsl.CSharpAnalyzers.Tests;

/// <summary>XMAP1003: constant-size arrays of the wrong length passed to a generated Weights constructor.</summary>
public sealed class ArrayLengthAnalyzerTests
{
    // Lab.Net: dense hidden 3 on 4 inputs (12 weights, 3 biases), dense out 2 (6 weights, 2 biases).
    private static string Calling(string arguments) => $$"""
        static class Experiment
        {
            static Lab.Net.Weights Make(float[] loaded) => new Lab.Net.Weights({{arguments}});
        }
        """;

    [Fact]
    public async Task A_new_array_of_the_wrong_size_is_XMAP1003_naming_the_parameter_and_both_lengths()
    {
        await Verifier.AnalyzerAsync(
            Calling("{|#0:new float[10]|}, new float[3], new float[6], new float[2]"),
            withLab: true,
            Verifier.Diagnostic("XMAP1003").WithLocation(0).WithArguments("hidden", "Lab.Net.Weights", 12, 10));
    }

    [Fact]
    public async Task Initialized_arrays_and_collection_expressions_are_counted()
    {
        await Verifier.AnalyzerAsync(
            Calling("new float[12], {|#0:new[] { 1f, 2f }|}, new float[6], {|#1:[0.5f]|}"),
            withLab: true,
            Verifier.Diagnostic("XMAP1003").WithLocation(0).WithArguments("hiddenBias", "Lab.Net.Weights", 3, 2),
            Verifier.Diagnostic("XMAP1003").WithLocation(1).WithArguments("outBias", "Lab.Net.Weights", 2, 1));
    }

    [Fact]
    public async Task Named_arguments_are_matched_to_their_parameter()
    {
        await Verifier.AnalyzerAsync(
            Calling("outBias: new float[2], @out: {|#0:new float[12]|}, hiddenBias: new float[3], hidden: new float[12]"),
            withLab: true,
            Verifier.Diagnostic("XMAP1003").WithLocation(0).WithArguments("out", "Lab.Net.Weights", 6, 12));
    }

    [Fact]
    public async Task Right_lengths_and_lengths_known_only_at_run_time_are_not_reported()
    {
        await Verifier.AnalyzerAsync(
            Calling("new float[Lab.Net.Hidden.WeightCount], [1f, 2f, 3f], loaded, new float[loaded.Length]"),
            withLab: true);
    }

    [Fact]
    public async Task A_float_array_parameter_without_ExpectedLength_is_not_reported()
    {
        await Verifier.AnalyzerAsync("""
            static class Experiment
            {
                static float Sum(float[] values) => values[0];

                static float Use() => Sum(new float[10]);
            }
            """);
    }
}
