using MapDsl.Generator.Model;
using MapDsl.Generator.Tests.Support;
using MapDsl.Runtime.Quantization;

namespace MapDsl.Generator.Tests.Binding;

/// <summary>
/// <c>quantize B bit [words] [clip C];</c>: every combination of the words, in any order, binds to its three choices
/// (range, encoding, rounding; unnamed ones take the defaults symmetric, signed, round); <c>robust</c> is asymmetric
/// unsigned round; two words that choose differently, or a word given twice, are XMAP0001 at the second word.
/// </summary>
public class QuantizeWordsTests
{
    private const string Declarations = "network N { input 4; dense d 2; }\nsystolic S { size 4 x 4; }\n";

    public static TheoryData<string?, string?, string?> EveryCombination()
    {
        var data = new TheoryData<string?, string?, string?>();
        foreach (var range in new[] { null, "symmetric", "asymmetric" })
        {
            foreach (var encoding in new[] { null, "signed", "unsigned" })
            {
                foreach (var rounding in new[] { null, "round", "truncate" })
                {
                    data.Add(range, encoding, rounding);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_combination_in_either_order_binds_to_its_choices(string? range, string? encoding, string? rounding)
    {
        string[] words = [.. new[] { range, encoding, rounding }.OfType<string>()];
        var expected = new Quantizer(
            6,
            range == "asymmetric" ? QuantizationRange.Asymmetric : QuantizationRange.Symmetric,
            encoding == "unsigned" ? CodeEncoding.Unsigned : CodeEncoding.Signed,
            rounding == "truncate" ? CodeRounding.Truncate : CodeRounding.Nearest);

        foreach (var order in new[] { words, words.Reverse().ToArray() })
        {
            var quantize = BoundQuantize($"quantize 6 bit {string.Join(" ", order)}");

            Choices(quantize).ShouldBe(expected, string.Join(" ", order));
            quantize.Clip.ShouldBe(0.0);
            quantize.Source.ShouldBe(expected.ToString(), "the generated comments spell it as the runtime does");
        }
    }

    [Theory]
    [InlineData("quantize 8 bit robust")]
    [InlineData("quantize 8 bit asymmetric unsigned round")]
    [InlineData("quantize 8 bit round unsigned asymmetric")]
    [InlineData("quantize 8 bit asymmetric unsigned")]
    [InlineData("quantize 8 bit robust unsigned")] // agrees with robust: neither a contradiction nor a repeat
    [InlineData("quantize 8 bits asymmetric robust round")]
    public void Robust_is_asymmetric_unsigned_round(string statement)
    {
        var quantize = BoundQuantize(statement + " clip 0.1");

        Choices(quantize).ShouldBe(Quantizer.Robust(8, 0.1));
        quantize.Source.ShouldBe("quantize 8 bit robust clip 0.1");
    }

    [Theory]
    [InlineData("signed unsigned", 27, "'unsigned' contradicts 'signed' (both set the encoding; 'signed' chose signed)")]
    [InlineData("robust truncate", 27, "'truncate' contradicts 'robust' (both set the rounding; 'robust' chose round)")]
    [InlineData("round round", 26, "'round' is given twice")]
    [InlineData("robust robust", 27, "'robust' is given twice")]
    [InlineData("truncate robust", 29, "'robust' contradicts 'truncate' (both set the rounding; 'truncate' chose truncate)")]
    [InlineData("symmetric unsigned robust", 39, "'robust' contradicts 'symmetric' (both set the range; 'symmetric' chose symmetric)")]
    [InlineData("asymmetric asymmetric", 31, "'asymmetric' is given twice")]
    [InlineData("unsigned robust unsigned", 36, "'unsigned' is given twice")] // robust agreeing in between hides no repeat
    [InlineData("robust asymmetric unsigned round robust", 53, "'robust' is given twice")]
    public void A_contradicting_or_repeated_word_is_XMAP0001_at_the_second_word(string words, int column, string why)
    {
        // Line 5, the words start in column 20: "    quantize 8 bit " is 19 characters.
        var program = Bind.Text(Declarations + $"mapping M: N -> S {{\n    scheme weight-stationary;\n    quantize 8 bit {words} clip 0.5;\n}}");

        program.Where().ShouldBe([$"XMAP0001 (5,{column})"]);
        program.Diagnostics.Single().Message.ShouldBe(
            $"quantize: {why}; expected at most one word per choice: symmetric|asymmetric, signed|unsigned, round|truncate ('robust' = asymmetric unsigned round)");
        program.Declarations.OfType<MappingModel>().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_analyzer_reports_the_contradiction_where_the_generator_does()
    {
        var diagnostics = await Compiler.Analyze(("q.xmap", Declarations + "mapping M: N -> S {\n    scheme weight-stationary;\n    quantize 8 bit signed unsigned;\n}"));

        var error = diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe("XMAP0001");
        error.Location.GetLineSpan().StartLinePosition.ShouldBe(new Microsoft.CodeAnalysis.Text.LinePosition(4, 26));
    }

    [Theory]
    [InlineData("quantize 1 bit")]
    [InlineData("quantize 1 bit robust")]
    [InlineData("quantize 1 bit asymmetric unsigned truncate clip 0.2")]
    [InlineData("quantize 1 bit symmetric signed")]
    public void One_bit_is_XMAP0202_for_every_variant(string statement)
    {
        var program = Bind.Text(Declarations + $"mapping M: N -> S {{ scheme weight-stationary; {statement}; }}");

        program.Where().ShouldBe(["XMAP0202 (3,56)"]);
        program.Diagnostics.Single().Message.ShouldBe("quantization needs at least 2 bits (a sign or offset bit and a magnitude bit)");
    }

    [Fact]
    public void Two_and_sixteen_bits_bind()
    {
        BoundQuantize("quantize 2 bit robust").Bits.ShouldBe(2);
        BoundQuantize("quantize 16 bit truncate").Bits.ShouldBe(16);
    }

    [Theory]
    [InlineData("quantize 8 bit robust biases clip 0.1", true, "quantize 8 bit robust biases clip 0.1")]
    [InlineData("quantize 8 bit robust clip 0.1 biases", true, "quantize 8 bit robust biases clip 0.1")]
    [InlineData("quantize 4 bit biases symmetric truncate", true, "quantize 4 bit symmetric truncate biases")]
    [InlineData("quantize 8 bit robust clip 0.1", false, "quantize 8 bit robust clip 0.1")]
    public void Biases_is_its_own_choice_before_or_after_the_clip(string statement, bool biases, string source)
    {
        var quantize = BoundQuantize(statement);
        quantize.Biases.ShouldBe(biases);
        quantize.Source.ShouldBe(source);
        Choices(quantize).ShouldBe(Choices(BoundQuantize(statement.Replace(" biases", string.Empty, StringComparison.Ordinal))), "biases changes no other choice");
    }

    [Fact]
    public void Biases_given_twice_is_XMAP0001_at_the_second()
    {
        var program = Bind.Text(Declarations + "mapping M: N -> S { scheme weight-stationary; quantize 8 bit biases robust clip 0.1 biases; }");
        var error = program.Diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe("XMAP0001");
        error.Message.ShouldContain("'biases' is given twice");
    }

    private static QuantizeModel BoundQuantize(string statement)
    {
        var program = Bind.Text(Declarations + $"mapping M: N -> S {{ scheme weight-stationary; {statement}; }}");
        program.Diagnostics.ShouldBeEmpty(statement);
        return program.Declarations.OfType<MappingModel>().Single().Quantize.ShouldNotBeNull();
    }

    /// <summary>The runtime quantizer the bound choices stand for, so that the comparison is with one record.</summary>
    private static Quantizer Choices(QuantizeModel quantize) => new(
        quantize.Bits,
        quantize.Asymmetric ? QuantizationRange.Asymmetric : QuantizationRange.Symmetric,
        quantize.Unsigned ? CodeEncoding.Unsigned : CodeEncoding.Signed,
        quantize.Truncate ? CodeRounding.Truncate : CodeRounding.Nearest,
        quantize.Clip > 0 ? quantize.Clip : null);
}
