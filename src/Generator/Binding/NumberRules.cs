using System;
using System.Globalization;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// The checks every number goes through: whole numbers for sizes and counts, fractions for
    /// rates and sparsities. Failures are XMAP0202 (invalid number) or XMAP0201 (out of range)
    /// at the number itself; the result is null so that binding can go on.
    /// </summary>
    internal sealed class NumberRules
    {
        /// <summary>Sizes above this are surely typos and would overflow arrays downstream.</summary>
        public const int MaxWhole = 1 << 24;

        private readonly BindContext _context;
        private readonly string _path;

        public NumberRules(BindContext context, string path)
        {
            _context = context;
            _path = path;
        }

        /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public int? Whole(NumberToken token, string what, int min = 1, int max = MaxWhole)
        {
            if (!token.IsWhole)
            {
                Invalid(token, $"{what} must be a whole number, found '{token.Text}'");
                return null;
            }

            if (double.IsInfinity(token.Value) || token.Value > max)
            {
                Invalid(token, $"{what} {token.Text} is too large (at most {max.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }

            if (token.Value < min)
            {
                Invalid(token, min == 1 && token.Value == 0
                    ? $"{what} must not be zero"
                    : $"{what} must be at least {min.ToString(CultureInfo.InvariantCulture)}, found {token.Text}");
                return null;
            }

            return (int)token.Value;
        }

        /// <summary>
        /// A rate or sparsity as a fraction: <c>2%</c> or <c>0.02</c>. Sparsity must stay below
        /// 100% (pruning everything is not a network); rates may reach it.
        /// </summary>
        public double? Fraction(NumberToken token, string what, bool allowOne)
        {
            if (token.Unit is not null || double.IsInfinity(token.Value))
            {
                Invalid(token, $"{what} must be a percentage or a fraction, found '{token.Text}'");
                return null;
            }

            var tooHigh = allowOne ? token.Value > 1 : token.Value >= 1;
            if (tooHigh)
            {
                // The likely slip is a percentage written without its sign: suggest (and fix by) appending it,
                // as long as the percentage would be in range.
                var asPercent = token.Value / 100;
                var fixes = token.IsPercent || (allowOne ? asPercent > 1 : asPercent >= 1) ? null : new[] { token.Text + "%" };
                var hint = fixes is null ? string.Empty : $"; did you mean {fixes[0]}?";
                var bound = allowOne ? "0..100%" : "0..100% (below 100%)";
                _context.Report(DiagnosticCatalog.RateOutOfRange, _path, token.Span, $"{what} {token.Text} is outside {bound}{hint}", fixes);
                return null;
            }

            return token.Value;
        }

        public void Invalid(NumberToken token, string message) =>
            _context.Report(DiagnosticCatalog.InvalidNumber, _path, token.Span, message);

        /// <summary>Reports a generic invalid-number problem at a span.</summary>
        public void Invalid(SourceSpan span, string message) =>
            _context.Report(DiagnosticCatalog.InvalidNumber, _path, span, message);

        public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        internal static string Plural(int count, string noun) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

        internal static int Clamp(long value) => (int)Math.Min(int.MaxValue, value);
    }
}
