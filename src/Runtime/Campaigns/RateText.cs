using System.Globalization;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Fault rates as text: parsed from command lines ("0.25%" or "0.0025") and written into campaign files so that they
/// read back as the very same double.
/// </summary>
public static class RateText
{
    /// <summary>
    /// Parses a rate given as a fraction ("0.0025", "2.5e-3") or as a percentage ("0.25%"), in invariant culture.
    /// A percentage is converted by shifting its decimal exponent, not by dividing, so "0.001%" is exactly the double
    /// nearest to 1e-5 (the same value as the literal <c>1e-5</c> and as the grid point of <see cref="RateGrid"/>).
    /// </summary>
    /// <param name="text">The rate; surrounding white space is ignored.</param>
    /// <returns>The rate as a fraction in [0, 1].</returns>
    /// <exception cref="FormatException">The text is not a number, or not a rate between 0 and 1 (0% and 100%).</exception>
    public static double Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        bool percent = trimmed.EndsWith('%');
        string number = percent ? trimmed[..^1].TrimEnd() : trimmed;
        if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new FormatException($"'{text}' is not a rate: expected a fraction such as 0.0025 or a percentage such as 0.25%.");
        }

        if (percent)
        {
            // "0.25e-2" parses to the double nearest 0.0025; dividing 0.25 by 100 may land one ulp away.
            bool hasExponent = number.Contains('e', StringComparison.OrdinalIgnoreCase);
            value = hasExponent ? value / 100 : double.Parse(number + "e-2", NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (!(value >= 0 && value <= 1))
        {
            string hint = !percent && value > 1 && value <= 100 ? $" (for {number} percent write '{number}%')" : string.Empty;
            throw new FormatException($"'{text}' is not a rate: a rate must be between 0 and 1 (0% and 100%){hint}.");
        }

        return value;
    }

    /// <summary>
    /// The shortest invariant text that parses back to exactly <paramref name="value"/> ("R" format), as written into
    /// campaign CSV files, e.g. <c>1E-05</c>, <c>0.0031622776601683794</c>, <c>0.3</c>.
    /// </summary>
    /// <param name="value">Any double.</param>
    /// <returns>The round-trip text.</returns>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A rate as a percentage for people: <paramref name="significant"/> significant digits, no exponent, invariant
    /// culture, e.g. 1e-5 gives "0.001%", 0.0031623 gives "0.316%", 0.3 gives "30%".
    /// </summary>
    /// <param name="rate">A fraction.</param>
    /// <param name="significant">Significant digits (1 to 15).</param>
    /// <returns>The percentage with a '%' sign.</returns>
    public static string Percent(double rate, int significant = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significant, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significant, 15);
        double percent = rate * 100;
        if (percent == 0 || !double.IsFinite(percent))
        {
            return percent.ToString(CultureInfo.InvariantCulture) + "%";
        }

        // Round to significant digits first, then print with just enough decimals, so no exponent notation appears.
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(percent)));
        int decimals = Math.Max(0, significant - 1 - magnitude);
        double rounded = Math.Round(percent, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        string text = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Contains('.'))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text + "%";
    }
}
