using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>Binds a fault model: every rate a fraction in 0..100%, stuck-on and stuck-off together too.</summary>
    internal static class FaultsBinder
    {
        public static FaultsModel? Bind(FaultsSyntax syntax, string path, string ns, BindContext context)
        {
            var numbers = new NumberRules(context, path);
            var ok = true;
            double Rate(NumberToken? token, string what)
            {
                if (token is null)
                {
                    return 0;
                }

                var value = numbers.Fraction(token, what + " rate", allowOne: true);
                ok &= value is not null;
                return value ?? 0;
            }

            var model = new FaultsModel(
                ns,
                syntax.Name.Text,
                new Origin(TargetBinder.FileName(path), syntax.Name.Span.Line),
                Rate(syntax.StuckOn, "stuck-on"),
                Rate(syntax.StuckOff, "stuck-off"),
                Rate(syntax.BitFlip, "bit-flip"),
                Rate(syntax.Pe, "pe"));
            ok &= !StuckBothWays(syntax, model, path, context);
            return ok ? model : null;
        }

        // A cell is stuck-on or stuck-off, never both, so the two rates share one cell: together at most 100%.
        // The generated Rates (a runtime FaultRates) would otherwise throw when the class is first used.
        private static bool StuckBothWays(FaultsSyntax syntax, FaultsModel model, string path, BindContext context)
        {
            const double Tolerance = 1e-12; // as FaultRates: 70% + 30% may add up to a hair above 1 in binary
            if (syntax.StuckOn is not { } on || syntax.StuckOff is not { } off || model.StuckOn + model.StuckOff <= 1 + Tolerance)
            {
                return false;
            }

            context.Report(DiagnosticCatalog.RateOutOfRange, path, off.Span,
                $"stuck-on {on.Text} and stuck-off {off.Text} add up to more than 100%; a cell is stuck one way or the other, never both, so the two rates may add up to at most 100%");
            return true;
        }
    }
}
