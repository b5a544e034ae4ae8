using MapDsl.Generator.Binding;
using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Pipeline;

/// <summary>
/// No name a user can write makes the generated code fail to compile: every member name the
/// emitters really produce (harvested from generated code, so the list cannot go stale) is tried
/// as a layer name and as a declaration name; each is either reported as XMAP0002 or compiles.
/// </summary>
public class NameClashTests
{
    private const string Hardware = "crossbar X { size 8 x 8; levels 4; }\n";

    [Fact]
    public void Every_generated_member_name_as_a_layer_name_is_rejected_or_compiles()
    {
        var accepted = new List<string>();
        foreach (var member in HarvestMemberNames())
        {
            foreach (var layer in new[] { member, char.ToLowerInvariant(member[0]) + member[1..] })
            {
                var program = Bind.Text(Hardware + Declarations(layer));
                if (program.Diagnostics.Any(d => d.Id == "XMAP0002"))
                {
                    continue;
                }

                program.Diagnostics.ShouldBeEmpty(layer);
                accepted.Add(layer);
            }
        }

        // Everything accepted goes into one compilation, one namespace per name; `c1` and `C1` make the same members.
        var files = accepted.DistinctBy(Model.Naming.ToPascal).Select((layer, i) => ($"n{i}.xmap", $"namespace T{i};\n" + Hardware + Declarations(layer))).ToArray();
        var (output, run) = Compiler.Generate(string.Empty, files);

        run.Diagnostics.ShouldBeEmpty();
        Compiler.Errors(output).Select(e => e.ToString()).ShouldBeEmpty();
        accepted.ShouldNotBeEmpty();
    }

    [Fact]
    public void A_declaration_named_like_a_member_of_its_own_type_is_rejected()
    {
        var (output, _) = Compiler.Generate(string.Empty, XmapFiles.Valid.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToArray());
        var kinds = new Dictionary<string, DeclarationKind>
        {
            ["Rram128"] = DeclarationKind.Crossbar, ["Sa16"] = DeclarationKind.Systolic, ["LeNet5"] = DeclarationKind.Network,
            ["Sparse"] = DeclarationKind.Pruning, ["DM"] = DeclarationKind.Mapping, ["Q8"] = DeclarationKind.Mapping,
            ["OnArray"] = DeclarationKind.Mapping, ["StuckOnHeavy"] = DeclarationKind.Faults,
        };

        foreach (var type in GeneratedTypes(output).Where(t => kinds.ContainsKey(t.Name) && t.ContainingType is null))
        {
            // Members made for a layer of the examples are covered by the layer test above (resnet8.xmap reuses the names
            // Rram128, Sparse, DM and Q8 in its own namespace).
            var resNet = new[] { "Stem", "Fc" }.Concat(new[] { "R1", "R2", "R3" }.SelectMany(b => new[] { b + "_A", b + "_B", b + "_S" }));
            var madeForLayers = new[] { "C1", "C2", "F1", "F2", "F3", "Hidden", "Out", "H" }.Concat(resNet).SelectMany(GeneratedNames.ForLayer).ToHashSet();
            foreach (var member in type.GetMembers().Where(m => m.CanBeReferencedByName).Select(m => m.Name).Where(n => !madeForLayers.Contains(n)).Distinct())
            {
                GeneratedNames.ClashesWithOwnMember(kinds[type.Name], member).ShouldBeTrue($"{kinds[type.Name]} {type.Name} has member {member}");
            }
        }
    }

    [Fact]
    public void Batch_norms_named_like_their_network_or_a_keyword_and_layers_inside_blocks_compile()
    {
        // A batch norm has only its member in Weights, so `n` (member N) may stand in network N; `r.N` becomes R_N.
        var text = Hardware
            + "network N { input 4; dense d 4; batchnorm n; relu; batchnorm class; residual r { dense a 4; batchnorm N; shortcut { batchnorm s; } } dense e 2; }\n"
            + "pruning P for N { r.a: unstructured 50%; *: none; }\n"
            + "mapping M: N -> X { scheme differential; pruning P; }";

        var (output, run) = Compiler.Generate(string.Empty, ("n.xmap", text));

        Bind.Text(text).Diagnostics.ShouldBeEmpty();
        run.Diagnostics.ShouldBeEmpty();
        Compiler.Errors(output).Select(e => e.ToString()).ShouldBeEmpty();
    }

    private static string Declarations(string layer) =>
        $"network N {{ input 4; dense {layer} 3; dense other 2; }}\n"
        + $"pruning P for N {{ {layer}: unstructured 50%; }}\n"
        + "mapping M: N -> X { scheme differential; pruning P; quantize 4 bit; }\n"
        + "faults F { stuck-on 1%; }\n";

    /// <summary>Member names of every type the generator makes for the example files (nested types included).</summary>
    private static IEnumerable<string> HarvestMemberNames()
    {
        var (output, _) = Compiler.Generate(string.Empty, XmapFiles.Valid.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToArray());
        return GeneratedTypes(output)
            .SelectMany(t => t.GetMembers().Where(m => m.CanBeReferencedByName).Select(m => m.Name).Append(t.Name))
            .Distinct()
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<INamedTypeSymbol> GeneratedTypes(Compilation output)
    {
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToHashSet();
        var stack = new Stack<INamespaceOrTypeSymbol>([output.Assembly.GlobalNamespace]);
        while (stack.Count > 0)
        {
            foreach (var member in stack.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    stack.Push(ns);
                }
                else if (member is INamedTypeSymbol type && type.Locations.Any(l => generated.Contains(l.SourceTree!)))
                {
                    stack.Push(type);
                    yield return type;
                }
            }
        }
    }
}
