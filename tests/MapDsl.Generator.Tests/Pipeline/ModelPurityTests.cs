using System.Reflection;
using MapDsl.Generator.Model;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Pipeline;

/// <summary>
/// Pipeline models must be plain values: a symbol, syntax node, location or compilation held in
/// one would keep old compilations alive and defeat caching (the System.Text.Json rule).
/// </summary>
public class ModelPurityTests
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(AdditionalText), typeof(SemanticModel)];

    [Fact]
    public void No_model_or_syntax_type_holds_a_roslyn_object()
    {
        var assembly = typeof(BoundProgram).Assembly;
        var modelTypes = assembly.GetTypes().Where(t =>
            t.Namespace is "MapDsl.Generator.Model" or "MapDsl.Generator.Parsing" or "MapDsl.Generator.Diagnostics");

        var offenders = modelTypes
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => (Type: t, Field: f)))
            .Where(x => Forbidden.Any(f => f.IsAssignableFrom(x.Field.FieldType)))
            .Select(x => $"{x.Type.Name}.{x.Field.Name}");

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Models_are_equal_by_value()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Xmap", "Valid", "lenet5.xmap"));

        var first = Support.Bind.Files(("lenet5.xmap", text));
        var second = Support.Bind.Files(("lenet5.xmap", text));

        first.ShouldBe(second);
        first.Declarations.Select(d => d.GetHashCode()).ShouldBe(second.Declarations.Select(d => d.GetHashCode()));
    }
}
