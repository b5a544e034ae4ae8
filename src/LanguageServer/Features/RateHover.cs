using System.Globalization;
using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Hover on a rate (a fault model's rates, a dropout rate, a pruning sparsity): its value as a
/// fraction and the unit it applies to (docs/language.md, "Injecting faults" and "dropout").
/// </summary>
internal static class RateHover
{
    /// <summary>The rate covering <paramref name="offset"/> with its text, or null.</summary>
    public static (NumberToken Token, string Text)? At(XmapDocument document, int offset)
    {
        foreach (var declaration in document.Declarations)
        {
            var found = declaration switch
            {
                FaultsSyntax faults => Faults(faults, offset),
                NetworkSyntax network => Dropout(network.Layers, offset),
                PruningSyntax pruning => pruning.Rules.Select(r => r.Sparsity).FirstOrDefault(s => Covers(s, offset)) is { } sparsity
                    ? (sparsity, $"sparsity {sparsity.Text} = {Fraction(sparsity)} of the layer's units (the rule's kind says which)")
                    : null,
                _ => ((NumberToken, string)?)null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static (NumberToken, string)? Faults(FaultsSyntax faults, int offset)
    {
        (NumberToken? Token, string Text)[] rates =
        [
            (faults.StuckOn, "stuck-on rate {0}: probability {1} per crossbar cell (every cell of every tile, unused ones too) of reading G_on whatever is written"),
            (faults.StuckOff, "stuck-off rate {0}: probability {1} per crossbar cell (every cell of every tile, unused ones too) of reading G_off whatever is written"),
            (faults.BitFlip, "bit-flip rate {0}: probability {1} per bit of every stored weight code (quantized mappings) of being flipped"),
            (faults.Pe, "pe rate {0}: probability {1} per PE of the systolic array of being faulty (bypassed)"),
        ];
        return rates.FirstOrDefault(r => Covers(r.Token, offset)) is { Token: { } token } rate
            ? (token, string.Format(CultureInfo.InvariantCulture, rate.Text, token.Text, Fraction(token)))
            : null;
    }

    private static (NumberToken, string)? Dropout(IEnumerable<LayerSyntax> layers, int offset)
    {
        foreach (var layer in layers)
        {
            if (layer.Kind == LayerKind.Dropout && Covers(layer.Rate, offset))
            {
                return (layer.Rate!, $"dropout rate {layer.Rate!.Text}: probability {Fraction(layer.Rate)} per activation of being zeroed in training; identity at inference");
            }

            if (Dropout(layer.Body.Concat(layer.Shortcut), offset) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static bool Covers(NumberToken? token, int offset) => token is not null && token.Span.Start <= offset && offset <= token.Span.End;

    /// <summary>The value as a fraction, with the percentage it is when written as a plain number.</summary>
    private static string Fraction(NumberToken token)
    {
        var fraction = token.Value.ToString("0.######", CultureInfo.InvariantCulture);
        return token.IsPercent ? fraction : $"{fraction} ({(token.Value * 100).ToString("0.####", CultureInfo.InvariantCulture)}%)";
    }
}
