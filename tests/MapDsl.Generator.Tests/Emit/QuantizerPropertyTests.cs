using System.Reflection;
using System.Runtime.Loader;
using MapDsl.Generator.Tests.Support;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Quantization;

namespace MapDsl.Generator.Tests.Emit;

/// <summary>
/// The generated <c>Quantizer</c> property, compiled and run: each <c>quantize</c> statement becomes the runtime
/// quantizer with the same bits, range, encoding, rounding and clip, and <c>IMapping.Quantizer</c> returns it (or null).
/// </summary>
public class QuantizerPropertyTests
{
    [Fact]
    public void Each_statement_becomes_the_runtime_quantizer_it_names()
    {
        var statements = new (string Mapping, string Statement, Quantizer? Expected)[]
        {
            ("Plain", "", null),
            ("V1", "quantize 8 bit", Quantizer.Symmetric(8)),
            ("Clipped", "quantize 4 bit clip 0.3", Quantizer.Symmetric(4, 0.3)),
            ("Robust", "quantize 6 bit robust clip 0.2", Quantizer.Robust(6, 0.2)),
            ("Truncated", "quantize 8 bit asymmetric unsigned truncate clip 0.1", new Quantizer(8, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Truncate, 0.1)),
            ("AsymmetricSigned", "quantize 5 bit asymmetric", new Quantizer(5, QuantizationRange.Asymmetric)),
            ("SymmetricUnsigned", "quantize 16 bits truncate unsigned", new Quantizer(16, encoding: CodeEncoding.Unsigned, rounding: CodeRounding.Truncate)),
            ("Two", "quantize 2 bit signed round symmetric", Quantizer.Symmetric(2)),
        };
        var text = "namespace Q;\nnetwork N { input 4; dense d 2; }\nsystolic S { size 4 x 4; }\n"
            + string.Concat(statements.Select(s => $"mapping {s.Mapping}: N -> S {{ scheme weight-stationary; {(s.Statement.Length > 0 ? s.Statement + ";" : "")} }}\n"));

        var assembly = CompileAndLoad(text);

        foreach (var (name, statement, expected) in statements)
        {
            var type = assembly.GetType($"Q.{name}").ShouldNotBeNull(name);
            var mapping = (IMapping)type.GetProperty("Instance")!.GetValue(null)!;
            mapping.Quantizer.ShouldBe(expected, statement);
            mapping.QuantizeBits.ShouldBe(expected?.Bits ?? 0);
            if (expected is not null)
            {
                type.GetProperty("Quantizer", BindingFlags.Public | BindingFlags.Static)!.GetValue(null).ShouldBe(expected);
            }
            else
            {
                type.GetProperty("Quantizer", BindingFlags.Public | BindingFlags.Static).ShouldBeNull("an unquantized mapping has no Quantizer of its own");
            }
        }
    }

    private static Assembly CompileAndLoad(string xmap)
    {
        var (output, run) = Compiler.Generate(string.Empty, ("q.xmap", xmap));
        run.Diagnostics.ShouldBeEmpty();
        Compiler.Errors(output).ShouldBeEmpty();
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        // The runtime comes from the default context, so the generated code's Quantizer is the test's Quantizer.
        return new AssemblyLoadContext("generated quantizers", isCollectible: true).LoadFromStream(image);
    }
}
