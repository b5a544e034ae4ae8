using MapDsl.Fuzzing;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Fuzz;

/// <summary>
/// The CI-bounded fuzz run (the bench's <c>fuzz</c> command runs the same fuzzer at length): a fixed
/// seed, 2,000 inputs (half random programs from the grammar, half byte-mutated shipped files)
/// through parse, bind, emit and the analyzer's diagnostic path, none of which may throw or put a
/// diagnostic outside its text; then a sample of the programs written without noise through the
/// real generator driver and analyzer, whose generated code must compile against the runtime.
/// Inputs are a function of (seed, index) alone, so the run is the same whatever CsCheck's
/// environment variables say and however the threads interleave.
/// </summary>
public class FuzzTests
{
    private const ulong Seed = 2026;
    private const int Inputs = 2000;

    private static readonly Lazy<IReadOnlyList<FuzzFile>> Corpus = new(FuzzCorpus.Load);

    [Fact]
    public void Fixed_seed_run_never_crashes_and_every_program_without_noise_binds()
    {
        var options = new FuzzOptions(Seed, Inputs, Workers: 2, CompileSample: 0, PerInputBound: TimeSpan.FromSeconds(2), HangBound: TimeSpan.FromSeconds(60));

        var report = FuzzRunner.Run(options, Corpus.Value);

        report.CrashCount.ShouldBe(0, string.Join("\n\n", report.Crashes.Take(3).Select(c => $"{c.Failure}\n{c.Input.Describe()}")));
        (report.Generated, report.Mutated).ShouldBe((Inputs / 2, Inputs / 2));
        report.Clean.ShouldBe(Inputs / 2 * 2 / 5);
        report.CleanValid.ShouldBe(report.Clean, "a program the grammar writes without noise must bind without errors");
        report.Valid.ShouldBeGreaterThan(report.Clean);
        report.WithDiagnostics.ShouldBeGreaterThan(Inputs / 2);
        report.Slow.ShouldBe(0, $"slowest input {report.Slowest.Index}: {report.Slowest.Time.TotalMilliseconds:0} ms for {report.Slowest.Length} chars");
    }

    [Fact]
    public async Task Programs_without_noise_generate_compiling_code_through_the_driver_and_analyzer()
    {
        var inputs = new FuzzInputs(Seed, Corpus.Value);
        var clean = Enumerable.Range(0, Inputs).Where(i => FuzzInputs.IsClean(i)).ToList();
        var sample = Enumerable.Range(0, 16).Select(k => inputs.At(clean[k * clean.Count / 16])).ToList();

        foreach (var input in sample)
        {
            var files = input.Files.Select(f => (f.Path, f.Text)).ToArray();
            var (output, run) = Compiler.Generate(string.Empty, files);
            var analyzer = await Compiler.Analyze(files);

            run.Diagnostics.ShouldBeEmpty(input.Describe());
            run.Results.Single().GeneratedSources.Length.ShouldBe(FuzzCheck.Run(input).Sources.Count, input.Describe());
            Compiler.Errors(output).ShouldBeEmpty(input.Describe());
            analyzer.ShouldNotContain(d => d.Id.StartsWith("AD", StringComparison.Ordinal) || d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error, input.Describe());
        }
    }

    [Fact]
    public void Programs_with_errors_generate_stand_ins_that_compile()
    {
        // Without this, a stand-in that does not compile would put C# errors in generated code ahead of the XMAP ones.
        var options = new FuzzOptions(Seed, 600, Workers: 2, CompileSample: 24, PerInputBound: TimeSpan.FromSeconds(2), HangBound: TimeSpan.FromSeconds(60));

        var report = FuzzRunner.Run(options, Corpus.Value);

        report.CompiledWithErrors.ShouldBe(24);
        report.CompileFailures.ShouldBeEmpty(string.Join("\n\n", report.CompileFailures.Take(2).Select(f => $"{f.Errors}\n{f.Input.Describe()}")));
    }

    [Fact]
    public void Shared_compiler_check_compiles_valid_programs_and_rejects_broken_code()
    {
        var inputs = new FuzzInputs(Seed, Corpus.Value);
        var valid = Enumerable.Range(0, 40).Where(i => FuzzInputs.IsClean(i)).Select(i => FuzzCheck.Run(inputs.At(i))).First(r => r.Sources.Count > 3);

        GeneratedCodeCompiler.Errors(valid.Sources).ShouldBeEmpty();
        GeneratedCodeCompiler.Errors([.. valid.Sources, ("Broken.g.cs", "class Broken { int X => \"no\"; }")]).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Noisy_programs_and_mutated_files_report_through_the_analyzer_inside_their_text()
    {
        var inputs = new FuzzInputs(Seed, Corpus.Value);
        var noisy = Enumerable.Range(0, 200).Where(i => !FuzzInputs.IsClean(i)).Select(i => inputs.At(i)).Where(i => FuzzCheck.Run(i).Diagnostics > 0).Take(12).ToList();

        foreach (var input in noisy)
        {
            var diagnostics = await Compiler.Analyze([.. input.Files.Select(f => (f.Path, f.Text))]);

            diagnostics.ShouldNotBeEmpty(input.Describe());
            diagnostics.ShouldNotContain(d => d.Id.StartsWith("AD", StringComparison.Ordinal), input.Describe());
            foreach (var d in diagnostics)
            {
                var text = input.Files.Single(f => f.Path == d.Location.GetLineSpan().Path).Text;
                d.Location.SourceSpan.End.ShouldBeLessThanOrEqualTo(text.Length, d.ToString());
            }
        }
    }

    [Fact]
    public void Inputs_depend_on_seed_and_index_only()
    {
        var first = new FuzzInputs(Seed, Corpus.Value);
        var second = new FuzzInputs(Seed, Corpus.Value);
        var other = new FuzzInputs(Seed + 1, Corpus.Value);
        long[] indexes = [999, 0, 7, 42, 1, 2];

        foreach (var i in indexes)
        {
            second.At(i).ShouldBeEquivalentTo(first.At(i));
        }

        indexes.Count(i => Text(other.At(i)) != Text(first.At(i))).ShouldBeGreaterThan(indexes.Length / 2);
    }

    [Fact]
    public void Counts_do_not_depend_on_the_number_of_workers()
    {
        FuzzReport Run(int workers) => FuzzRunner.Run(new FuzzOptions(Seed, 200, workers, 0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60)), Corpus.Value);

        var one = Run(1);
        var two = Run(2);

        (two.Valid, two.WithDiagnostics, two.Clean, two.CleanValid).ShouldBe((one.Valid, one.WithDiagnostics, one.Clean, one.CleanValid));
    }

    [Fact]
    public void A_hanging_input_is_reported_as_a_crash_instead_of_blocking_the_run()
    {
        // A bound of zero: the watchdog sees every running input as hung, so the run must stop and say which.
        var report = FuzzRunner.Run(new FuzzOptions(Seed, 1_000_000, 1, 0, TimeSpan.FromSeconds(2), TimeSpan.Zero), Corpus.Value);

        report.CrashCount.ShouldBe(1);
        report.Crashes[0].Failure.ShouldStartWith("hang:");
        report.Inputs.ShouldBeLessThan(1_000_000);
    }

    private static string Text(FuzzInput input) => string.Join("\n", input.Files.Select(f => f.Text));
}
