using MapDsl.Generator.Binding;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Tests.Support;

/// <summary>Parses and binds .xmap text the way the generator and analyzers do.</summary>
internal static class Bind
{
    public static BoundProgram Files(params (string Path, string Text)[] files) =>
        Binder.Bind(files.Select(f => XmapParser.Parse(f.Path, f.Text)).ToList(), "Root");

    public static BoundProgram Text(string text) => Files(("test.xmap", text));

    /// <summary>The warnings of the catalog; every other ID is an error.</summary>
    public static string Severity(this MapDsl.Generator.Diagnostics.XmapDiagnostic diagnostic) =>
        diagnostic.Id is "XMAP0004" or "XMAP0104" or "XMAP0301" ? "warning" : "error";

    /// <summary>"ID (line,column)" of each diagnostic, in order, for compact assertions.</summary>
    public static string[] Where(this BoundProgram program) =>
        [.. program.Diagnostics.Select(d => $"{d.Id} ({d.Span.Line},{d.Span.Column})")];
}
