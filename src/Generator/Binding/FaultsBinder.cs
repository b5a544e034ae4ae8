using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>Binds a fault model: every rate a fraction in 0..100%.</summary>
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
            return ok ? model : null;
        }
    }
}
