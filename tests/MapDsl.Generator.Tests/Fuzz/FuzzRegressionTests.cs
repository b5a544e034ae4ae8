using System.Text.RegularExpressions;
using MapDsl.Generator.Model;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Fuzz;

/// <summary>
/// What the fuzzer found, kept as plain cases. Names that bound without errors but generated code
/// that did not compile: declarations named by the contextual keywords C# forbids as type names
/// unless escaped (file, record, required, scoped), a layer or namespace part named nameof (the
/// generated argument checks used nameof(), which then binds to that name), and a declaration
/// named var (no escape helps: the type would capture every var of the namespace, so it is XMAP0002).
/// </summary>
public class FuzzRegressionTests
{
    private const string Program = """
        crossbar XB { size 8 x 8; levels 3; }
        systolic SA { size 8 x 8; }
        network NET { input 1 x 4 x 4; conv LAYER 2 kernel 3x3; batchnorm BN; relu; dense d 3; }
        pruning PR for NET { LAYER: unstructured 50%; }
        mapping MAP: NET -> XB { scheme offset; pruning PR; quantize 4 bits; }
        mapping MAP2: NET -> SA { scheme weight-stationary; }
        faults FA { stuck-on 1%; pe 1%; bit-flip 1%; }
        """;

    private static readonly string[] Declarations = ["XB", "SA", "NET", "PR", "MAP", "FA"];

    [Fact]
    public void Declarations_named_file_record_required_or_scoped_and_nameof_layers_and_namespaces_compile()
    {
        var cases = new List<(string Namespace, string Slot, string Name)>();
        foreach (var name in new[] { "file", "record", "required", "scoped" })
        {
            cases.AddRange(Declarations.Select(slot => ("T", slot, name)));
        }

        cases.Add(("T", "LAYER", "nameof"));
        cases.Add(("T", "BN", "nameof"));
        cases.Add(("T.nameof", "", ""));
        var files = cases.Select((c, i) => ($"case{i}.xmap", $"namespace {c.Namespace}{i};\n" + Rename(c.Slot, c.Name))).ToArray();

        foreach (var (path, text) in files)
        {
            Bind.Files((path, text)).Diagnostics.ShouldBeEmpty(text);
        }

        var (output, run) = Compiler.Generate(string.Empty, files);

        run.Diagnostics.ShouldBeEmpty();
        Compiler.Errors(output).Select(e => e.ToString()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("XB", 1)]
    [InlineData("SA", 2)]
    [InlineData("NET", 3)]
    [InlineData("PR", 4)]
    [InlineData("MAP", 5)]
    [InlineData("FA", 7)]
    public void A_declaration_named_var_is_rejected_at_its_name(string slot, int line)
    {
        var program = Bind.Text(Rename(slot, "var"));

        program.Diagnostics.ShouldContain(d => d.Id == "XMAP0002" && d.Span.Line == line && d.Message.Contains("'var'"), string.Join("\n", program.Diagnostics));
        program.Declarations.ShouldNotContain(d => d.Name == "var");
    }

    [Theory]
    [InlineData("residual r {\n conv c 1 kernel 1x1;\n")]
    [InlineData("residual r { relu; shortcut {\n")]
    public void Thousands_of_unclosed_blocks_are_reported_not_a_stack_overflow(string opening)
    {
        // Seed 3 of the bench found 3,562 nested unclosed residual blocks, which recursed until the process died. On
        // a 256 KB stack even a few hundred levels of unbounded recursion would die here, so this case cannot pass by luck.
        var text = "network N {\n input 1 x 4 x 4;\n" + string.Concat(Enumerable.Repeat(opening, 20_000)) + " dense d 2;\n}\n";
        BoundProgram? program = null;
        var thread = new Thread(() => program = Bind.Text(text), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        program.ShouldNotBeNull();
        program.Diagnostics.ShouldContain(d => d.Id == "XMAP0001" && d.Message.Contains("do not nest"));
    }

    private static string Rename(string slot, string name) => slot == "" ? Program : Regex.Replace(Program, $@"\b{slot}\b", name);
}
