using System.Collections.Immutable;
using MapDsl.Generator;
using MapDsl.Generator.Binding;
using MapDsl.Generator.Emit;
using MapDsl.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace MapDsl.Benchmarks;

/// <summary>
/// `generator`: how long the generator takes for an .xmap file, by stage (parse, bind, emit) and
/// as a whole driver run on a fresh compilation (what a build pays) and after an unrelated C#
/// edit (what the IDE pays per keystroke, everything cached); then the size of every generated
/// file (lines and longest line), which must grow with layers, not tiles.
/// </summary>
internal static class GeneratorBench
{
    public static void Run(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "xmap", file);
        var text = File.ReadAllText(path);
        var document = XmapParser.Parse(file, text);
        var program = Binder.Bind([document], "Bench");
        var compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class A {}")]);
        var additional = ImmutableArray.Create<AdditionalText>(new Text(path, text));

        var rows = new (string Stage, TimeSpan Time)[]
        {
            ("parse", Timing.Median(() => XmapParser.Parse(file, text))),
            ("bind", Timing.Median(() => Binder.Bind([document], "Bench"))),
            ("emit (all declarations)", Timing.Median(() => { foreach (var d in program.Declarations) { Emitter.Emit(d); } })),
            ("generator driver, first run", Timing.Median(() => Driver(additional).RunGenerators(compilation))),
            ("generator driver, after a C# edit", CachedRun(additional, compilation)),
        };

        var sources = Driver(additional).RunGenerators(compilation).GetRunResult().Results.Single().GeneratedSources;
        Console.WriteLine($"generator on {file} ({text.Length} chars, {program.Declarations.Count} declarations, {sources.Sum(s => Lines(s.SourceText))} generated lines)");
        foreach (var (stage, time) in rows)
        {
            Console.WriteLine($"  {stage,-36} {Timing.Format(time),12}");
        }

        Console.WriteLine();
        Console.WriteLine($"  {"generated file",-36} {"lines",8} {"longest",8}");
        foreach (var source in sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {source.HintName,-36} {Lines(source.SourceText),8} {source.SourceText.Lines.Max(l => l.Span.Length),8}");
        }
    }

    // Lines as an editor counts them: the text after the last line end is not a line of its own.
    private static int Lines(SourceText text) => text.Lines.Count - (text.Lines[^1].Span.IsEmpty ? 1 : 0);

    private static TimeSpan CachedRun(ImmutableArray<AdditionalText> additional, Compilation compilation)
    {
        var driver = Driver(additional).RunGenerators(compilation);
        var edit = 0;
        return Timing.Median(() => driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText($"class E{edit++} {{}}"))));
    }

    private static GeneratorDriver Driver(ImmutableArray<AdditionalText> additional) =>
        CSharpGeneratorDriver.Create([new XmapGenerator().AsSourceGenerator()], additional);

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
