using MapDsl.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MapDsl.Generator.Tests.Pipeline;

/// <summary>
/// The generator does no work it need not do: a C# edit leaves every step cached, re-adding the
/// same .xmap text leaves parsing unchanged, and an .xmap edit re-emits only what depends on it.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] Steps = [TrackingNames.Parse, TrackingNames.RootNamespace, TrackingNames.Bind, TrackingNames.Declarations];

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_step_cached()
    {
        var (driver, compilation) = FirstRun(Examples());

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", new CSharpParseOptions(LanguageVersion.Latest)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            Reasons(result, step).ShouldAllBe(r => r == IncrementalStepRunReason.Cached, step);
        }

        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Re_adding_the_same_text_leaves_the_parse_unchanged()
    {
        var files = Examples();
        var (driver, compilation) = FirstRun(files);
        var lenet = files.Single(f => f.Path.EndsWith("lenet5.xmap", StringComparison.Ordinal));

        driver = driver.ReplaceAdditionalText(lenet, new InMemoryAdditionalText(lenet.Path, lenet.GetText()!.ToString()));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Parse).ShouldAllBe(r => r == IncrementalStepRunReason.Unchanged || r == IncrementalStepRunReason.Cached);
        Reasons(result, TrackingNames.Parse).ShouldContain(IncrementalStepRunReason.Unchanged);
        Reasons(result, TrackingNames.Declarations).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_xmap_edit_re_emits_only_the_declarations_that_depend_on_it()
    {
        var files = Examples();
        var (driver, compilation) = FirstRun(files);
        var mlp = files.Single(f => f.Path.EndsWith("mlp.xmap", StringComparison.Ordinal));

        // Change the fault rate of Lab.Mlp.LowVoltage: nothing else depends on it.
        var edited = mlp.GetText()!.ToString().Replace("bit-flip 0.5%;", "bit-flip 0.7%;", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(mlp, new InMemoryAdditionalText(mlp.Path, edited));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Parse).Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        Reasons(result, TrackingNames.Parse).Count(r => r == IncrementalStepRunReason.Cached).ShouldBe(files.Length - 1);
        var declarations = result.TrackedSteps[TrackingNames.Declarations].Single().Outputs;
        declarations.Count(o => o.Reason == IncrementalStepRunReason.Modified).ShouldBe(1);
        declarations.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value.ShouldBeOfType<Model.FaultsModel>().Name.ShouldBe("LowVoltage");
        declarations.Where(o => o.Reason != IncrementalStepRunReason.Modified).ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_a_crossbar_re_emits_the_mappings_that_use_it_but_not_the_network()
    {
        var files = Examples();
        var (driver, compilation) = FirstRun(files);
        var lenet = files.Single(f => f.Path.EndsWith("lenet5.xmap", StringComparison.Ordinal));

        var edited = lenet.GetText()!.ToString().Replace("levels 16;", "levels 32;", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(lenet, new InMemoryAdditionalText(lenet.Path, edited));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var modified = result.TrackedSteps[TrackingNames.Declarations].Single().Outputs
            .Where(o => o.Reason == IncrementalStepRunReason.Modified)
            .Select(o => ((Model.DeclarationModel)o.Value).Name);
        modified.ShouldBe(["Rram128", "TC", "DM"], ignoreOrder: true);
    }

    private static AdditionalText[] Examples() =>
        [.. XmapFiles.Valid.Select(path => (AdditionalText)new InMemoryAdditionalText(path, File.ReadAllText(path)))];

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(AdditionalText[] files)
    {
        var compilation = Compiler.Compilation("class Program { }");
        var driver = Compiler.Driver([.. files], trackSteps: true).RunGenerators(compilation);
        return (driver, compilation);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];
}
