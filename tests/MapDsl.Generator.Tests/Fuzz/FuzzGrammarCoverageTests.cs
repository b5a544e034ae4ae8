using System.Text;
using MapDsl.Fuzzing;

namespace MapDsl.Generator.Tests.Fuzz;

/// <summary>
/// The fuzzer is only as good as what it writes: over the CI run's inputs, every declaration kind,
/// statement, layer, pruning rule, scheme and quantize word of the language shows up in generated
/// programs, and so do the slightly-invalid spellings and the kinds of byte mutation.
/// </summary>
public class FuzzGrammarCoverageTests
{
    private static readonly Lazy<(string Generated, FuzzInput[] Mutated, IReadOnlyList<FuzzFile> Corpus)> Inputs = new(() =>
    {
        var corpus = FuzzCorpus.Load();
        var inputs = new FuzzInputs(2026, corpus);
        var all = Enumerable.Range(0, 2000).Select(i => inputs.At(i)).ToList();
        var generated = new StringBuilder();
        foreach (var input in all.Where(i => i.Kind == FuzzInputKind.Generated))
        {
            input.Files.ToList().ForEach(f => generated.Append(f.Text).Append('\n'));
        }

        return (generated.ToString(), [.. all.Where(i => i.Kind == FuzzInputKind.Mutated)], corpus);
    });

    [Theory]
    [InlineData("namespace ", "crossbar ", "systolic ", "network ", "pruning ", "mapping ", "faults ")]
    [InlineData("size ", "levels ", "conductance ", "input ")]
    [InlineData("conv ", " kernel ", " stride ", " pad ", "dense ", "relu;", "maxpool ", "avgpool ", "flatten;")]
    [InlineData("batchnorm ", "residual ", "shortcut {", "global-avgpool;", "dropout ")]
    [InlineData(": none;", ": unstructured ", ": rows ", ": columns ", ": blocks ", ": pattern ", ": n:m ", "*: ")]
    [InlineData("scheme two-column;", "scheme differential;", "scheme offset;", "scheme weight-stationary;")]
    [InlineData("quantize ", " bit", " bits", "symmetric", "asymmetric", "robust", "signed", "unsigned", " round", "truncate", "biases", " clip ")]
    [InlineData("stuck-on ", "stuck-off ", "bit-flip ", "pe ")]
    [InlineData("uS", "nS", "mS", "%;")]
    public void Generated_programs_use_every_part_of_the_grammar(params string[] parts)
    {
        foreach (var part in parts)
        {
            Inputs.Value.Generated.ShouldContain(part, Case.Sensitive);
        }
    }

    [Theory]
    [InlineData("\r\n", "é", "😀", "\uFEFF", "\0")]
    [InlineData("99999999999999999999", "4.5", "150%", "100uS .. 1uS", "Undeclared", "名前")]
    [InlineData("network class", "dense out ", "residual r { residual r {", "network E {}", "{}", ";;")]
    public void Generated_programs_include_slightly_invalid_and_unusual_text(params string[] parts)
    {
        foreach (var part in parts)
        {
            Inputs.Value.Generated.ShouldContain(part, Case.Sensitive);
        }
    }

    [Fact]
    public void Generated_programs_include_a_lone_surrogate() => Inputs.Value.Generated.ShouldContain("\uD800"); // not expressible in an attribute

    [Fact]
    public void Mutations_shorten_lengthen_and_break_the_encoding_of_every_shipped_file()
    {
        var (_, mutated, corpus) = Inputs.Value;
        var originals = corpus.ToDictionary(f => $"bytes of {f.Path} mutated", f => f.Text);

        mutated.Select(m => m.Origin).Distinct().Count().ShouldBe(corpus.Count);
        mutated.ShouldContain(m => m.Files[0].Text.Length < originals[m.Origin].Length / 2, "truncated");
        mutated.ShouldContain(m => m.Files[0].Text.Length > originals[m.Origin].Length, "inserted or duplicated");
        mutated.ShouldContain(m => m.Files[0].Text.Contains('\uFFFD'), "invalid UTF-8");
        mutated.Count(m => m.Files[0].Text == originals[m.Origin]).ShouldBeLessThan(mutated.Length / 20);
    }
}
