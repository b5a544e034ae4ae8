using MapDsl.Generator.Binding;
using MapDsl.Generator.Emit;
using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Pipeline;

/// <summary>
/// Broken input never crashes the generator or the analyzer: seeded random edits of the example
/// files (deleted ranges, inserted punctuation and digits, NULs, truncation, huge numbers) always
/// give values, and whatever still binds emits code that compiles.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] Inserts = ["{", "}", ";", ":", "x", "%", "..", "->", "*", "0", "7", "99999999999999999999", "1e9", "\0", "é", "\n", "//", "conv", "dense q 3", "size", "-"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Mutated_files_parse_bind_and_emit_without_exceptions(int seed)
    {
        var random = new Random(seed);
        var originals = XmapFiles.Valid.Select(File.ReadAllText).Concat(XmapFiles.Invalid.Select(File.ReadAllText)).ToArray();
        for (var i = 0; i < 400; i++)
        {
            var text = Mutate(originals[random.Next(originals.Length)], random);

            var program = Binder.Bind([XmapParser.Parse("m.xmap", text)], "Root");
            foreach (var declaration in program.Declarations)
            {
                Emitter.Emit(declaration).ShouldNotBeNullOrEmpty();
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Mutated_files_never_give_CS8785_or_AD0001_and_generated_code_compiles(int seed)
    {
        var random = new Random(seed);
        var originals = XmapFiles.Valid.Select(File.ReadAllText).ToArray();
        for (var i = 0; i < 25; i++)
        {
            var text = Mutate(originals[random.Next(originals.Length)], random);

            var (output, run) = Compiler.Generate(string.Empty, ("m.xmap", text));
            var analyzer = await Compiler.Analyze(("m.xmap", text));

            run.Diagnostics.ShouldBeEmpty(text);
            Compiler.Errors(output).ShouldBeEmpty(text);
            analyzer.ShouldNotContain(d => d.Id.StartsWith("AD", StringComparison.Ordinal), text);
        }
    }

    private static string Mutate(string text, Random random)
    {
        for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
        {
            var at = random.Next(text.Length);
            var from = random.Next(text.Length);
            text = random.Next(4) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)),
                1 => text.Insert(at, Inserts[random.Next(Inserts.Length)]),
                2 => text[..at],
                _ => text.Insert(at, text.Substring(from, Math.Min(20, text.Length - from))),
            };
        }

        return text;
    }
}
