using MapDsl.Generator.Binding;
using MapDsl.Generator.Model;
using MapDsl.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Binding;

/// <summary>
/// XMAP0004: a declaration named like a System type. The generated code compiles (it says
/// global:: everywhere); the warning is about the user's own code, which the tests compile too.
/// </summary>
public class SystemNameTests
{
    private const string Net = "network N { input 4; dense a 2; }\n";

    [Fact]
    public void XMAP0004_at_the_name_with_the_shadowed_type_and_a_new_name()
    {
        var program = Bind.Text(Net + "faults Random { stuck-on 1%; }\npruning Half for N { *: none; }\ncrossbar X { size 8 x 8; }\nmapping Buffer: N -> X { scheme two-column; pruning Half; }");

        program.Where().ShouldBe(["XMAP0004 (2,8)", "XMAP0004 (3,9)", "XMAP0004 (5,9)"]);
        program.Diagnostics[0].Message.ShouldBe(
            "faults 'Random' has the name of System.Random: in C# code that uses namespace Root and System (implicit usings do), "
            + "'Random' becomes ambiguous or hides System.Random; rename it, e.g. 'RandomFaults'");
        program.Diagnostics[2].Message.ShouldEndWith("rename it, e.g. 'BufferMapping'");
    }

    [Fact]
    public void XMAP0004_is_a_warning_the_declaration_is_still_generated()
    {
        var program = Bind.Text("network Math { input 4; dense a 2; }");

        program.Where().ShouldBe(["XMAP0004 (1,9)"]);
        program.Declarations.OfType<NetworkModel>().Single().Name.ShouldBe("Math");
    }

    [Fact]
    public void XMAP0004_for_the_namespace_System_itself()
    {
        Bind.Text("network System { input 4; dense a 2; }").Diagnostics.Single().Message
            .ShouldStartWith("network 'System' has the name of the namespace System:");
    }

    [Theory]
    [InlineData("math")] // names are case-sensitive, as in C#
    [InlineData("Span")] // generic only: Span<T> and a class Span do not clash
    [InlineData("Mathematics")]
    public void Other_names_are_fine(string name)
    {
        Bind.Text($"network {name} {{ input 4; dense a 2; }}").Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_analyzer_reports_XMAP0004_as_a_warning_at_the_name()
    {
        var diagnostics = await Compiler.Analyze(("lab.xmap", "namespace Lab;\n\nnetwork Math { input 4; dense a 2; }"));

        var warning = diagnostics.ShouldHaveSingleItem();
        warning.Id.ShouldBe("XMAP0004");
        warning.Severity.ShouldBe(DiagnosticSeverity.Warning);
        warning.Location.GetLineSpan().StartLinePosition.ShouldBe(new Microsoft.CodeAnalysis.Text.LinePosition(2, 8));
        warning.GetMessage().ShouldContain("rename it, e.g. 'MathNetwork'");
    }

    [Fact]
    public void Every_listed_name_is_a_System_type_that_a_declaration_makes_ambiguous_in_user_code()
    {
        // One fault model per name (they generate the smallest classes), and user code that names each type the
        // way implicit usings let it: every one must be ambiguous (CS0104), or the name does not belong in the list.
        var names = SystemNames.All.ToArray();
        var xmap = "namespace Lab;\n" + string.Concat(names.Select(n => $"faults {n} {{ pe 1%; }}\n"));
        var user = "using System;\nusing Lab;\nstatic class User\n{\n"
                   + string.Concat(names.Select(n => $"    static global::System.Type T{n}() => typeof({n});\n")) + "}\n";

        var (output, run) = Compiler.Generate(user, ("lab.xmap", xmap));

        var generated = run.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).ToList();
        names.Where(n => !generated.Contains($"Lab.{n}.g.cs")).ShouldBeEmpty(); // a warning: every one is still generated
        foreach (var name in names)
        {
            output.GetTypeByMetadataName("System." + name).ShouldNotBeNull($"System.{name} is not a type");
        }

        var ambiguous = Compiler.Errors(output).Where(e => e.Id == "CS0104").Select(e => e.GetMessage()).ToList();
        Compiler.Errors(output).Where(e => e.Id != "CS0104").ShouldBeEmpty();
        names.Where(n => !ambiguous.Any(m => m.StartsWith($"'{n}' is an ambiguous reference", StringComparison.Ordinal))).ShouldBeEmpty();
    }
}
