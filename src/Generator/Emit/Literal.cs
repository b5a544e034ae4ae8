using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace MapDsl.Generator.Emit
{
    /// <summary>C# literals, always in the invariant culture (a comma decimal separator must never leak in).</summary>
    internal static class Literal
    {
        public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A round-trippable double literal, e.g. <c>1E-06</c> or <c>0.5</c>.</summary>
        public static string Of(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 ? text + ".0" : text;
        }

        /// <summary>A round-trippable float literal of a value stored as a double, e.g. <c>0.2f</c>.</summary>
        public static string OfFloat(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

        public static string Of(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        public static string Of(bool value) => value ? "true" : "false";

        /// <summary>A number for comments: <c>61,706</c>.</summary>
        public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary><c>1 tile</c>, <c>2 tiles</c>.</summary>
        public static string Plural(int count, string noun) => Count(count) + " " + noun + (count == 1 ? string.Empty : "s");

        /// <summary>A fraction as a percentage for comments: 0.8 becomes <c>80%</c>.</summary>
        public static string Percent(double fraction) => (fraction * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";
    }
}
