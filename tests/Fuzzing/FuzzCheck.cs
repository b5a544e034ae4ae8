extern alias analyzers;

using analyzers::MapDsl.Analyzers;
using MapDsl.Generator.Binding;
using MapDsl.Generator.Emit;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using AnalyzerSpan = analyzers::MapDsl.Generator.Parsing.SourceSpan;
using XmapDiagnostic = MapDsl.Generator.Diagnostics.XmapDiagnostic;

namespace MapDsl.Fuzzing;

/// <summary>
/// The fuzz property for one input: parse every file, bind them together, emit every declaration (stand-ins of those with errors included),
/// and turn every problem into a Roslyn diagnostic as the analyzer does (its descriptor and
/// location code). Nothing may throw; every diagnostic must name one of the input's files and lie
/// inside its text, with the line and column of its start; every generated file needs a hint name
/// the compiler accepts, unique among them (the compiler compares hint names ignoring case).
/// The analyzer compiles the same Parsing and Binding sources, so binding once covers both.
/// </summary>
internal static class FuzzCheck
{
    public const string RootNamespace = "Fuzz.Root";

    public static FuzzResult Run(FuzzInput input)
    {
        var start = FuzzClock.Now();
        var stage = "parse";
        try
        {
            var documents = input.Files.Select(f => XmapParser.Parse(f.Path, f.Text)).ToList();
            stage = "bind";
            var program = Binder.Bind(documents, RootNamespace);
            stage = "report diagnostics";
            var (errors, problem) = Report(input, program.Diagnostics);
            stage = "emit";
            // Stand-ins too: the code generated for a program with errors must compile as well (see StandInEmitter).
            var sources = program.Declarations.Concat<DeclarationModel>(program.StandIns).Select(d => (d.HintName, Emitter.Emit(d))).ToList();
            problem ??= HintNameProblem(sources.Select(s => s.HintName).ToList());
            return new FuzzResult(program.Diagnostics.Count, errors, sources, FuzzClock.Now() - start, problem) { StandIns = program.StandIns.Count };
        }
        catch (Exception e)
        {
            return new FuzzResult(0, 0, [], FuzzClock.Now() - start, $"{stage} threw {e}");
        }
    }

    private static (int Errors, string? Problem) Report(FuzzInput input, IReadOnlyList<XmapDiagnostic> diagnostics)
    {
        var texts = input.Files.ToDictionary(f => f.Path, f => (f.Text, Source: SourceText.From(f.Text)));
        var errors = 0;
        string? problem = null;
        foreach (var d in diagnostics)
        {
            if (!texts.TryGetValue(d.Path, out var file))
            {
                return (errors, $"{d} names no file of the input");
            }

            problem ??= LocationProblem(d, file.Text);
            var descriptor = Descriptors.For(d.Id);
            var span = new AnalyzerSpan(d.Span.Start, d.Span.Length, d.Span.Line, d.Span.Column);
            var diagnostic = Diagnostic.Create(descriptor, XmapAnalyzer.LocationOf(d.Path, file.Source, span), d.Message);
            if (string.IsNullOrWhiteSpace(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            {
                problem ??= $"{d} has no message";
            }

            errors += diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 0;
        }

        return (errors, problem);
    }

    // Lines and columns count from 1 as Sprache does: a line ends at '\n', every other char is a column.
    private static string? LocationProblem(XmapDiagnostic d, string text)
    {
        var span = d.Span;
        if (span.Start < 0 || span.Length < 0 || span.End > text.Length)
        {
            return $"{d}: span [{span.Start}, {span.End}) lies outside the text of {text.Length} chars";
        }

        var lineStart = span.Start == 0 ? 0 : text.LastIndexOf('\n', span.Start - 1) + 1;
        var line = 1 + text.AsSpan(0, span.Start).Count('\n');
        var column = span.Start - lineStart + 1;
        return line == span.Line && column == span.Column
            ? null
            : $"{d}: starts at char {span.Start}, which is ({line},{column}), but the diagnostic says ({span.Line},{span.Column})";
    }

    private static string? HintNameProblem(IReadOnlyList<string> hintNames)
    {
        var clash = hintNames.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            return $"hint names {string.Join(", ", clash)} are the same file to the compiler (it ignores case)";
        }

        var bad = hintNames.FirstOrDefault(n => !n.EndsWith(".g.cs", StringComparison.Ordinal) || n.Any(c => !IsHintNameChar(c)));
        return bad is null ? null : $"hint name '{bad}' is not a file name the compiler accepts";
    }

    // The characters Roslyn accepts in a hint name (AddSource throws on others).
    private static bool IsHintNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or ',' or '`' or ' ' or '(' or ')' or '[' or ']' or '{' or '}';
}
