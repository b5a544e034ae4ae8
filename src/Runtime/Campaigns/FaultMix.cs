using System.Globalization;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// How a campaign turns each swept stuck-on rate into cell fault rates: stuck-on only, stuck-on plus a fixed
/// stuck-off rate, or stuck-on plus a stuck-off rate proportional to it (e.g. the measured 9.04% stuck-on to 1.75%
/// stuck-off of a real array gives the ratio 1.75 / 9.04). Bit flips and PE faults stay 0.
/// </summary>
public sealed class FaultMix
{
    private FaultMix(FaultMixKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Stuck-on faults only.</summary>
    public static FaultMix StuckOnOnly { get; } = new(FaultMixKind.StuckOnOnly, 0);

    /// <summary>How the stuck-off rate is derived.</summary>
    public FaultMixKind Kind { get; }

    /// <summary>The fixed stuck-off rate, the stuck-off / stuck-on ratio, or 0 for <see cref="FaultMixKind.StuckOnOnly"/>.</summary>
    public double Value { get; }

    /// <summary>Stuck-on plus the same stuck-off rate everywhere.</summary>
    /// <param name="stuckOffRate">A fraction in [0, 1].</param>
    /// <returns>The mix.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not a fraction.</exception>
    public static FaultMix FixedStuckOff(double stuckOffRate) => stuckOffRate >= 0 && stuckOffRate <= 1
        ? new FaultMix(FaultMixKind.FixedStuckOff, stuckOffRate)
        : throw new ArgumentOutOfRangeException(nameof(stuckOffRate), stuckOffRate, $"The stuck-off rate must be a fraction in [0, 1], got {RateText.Format(stuckOffRate)}.");

    /// <summary>Stuck-on plus stuck-off = <paramref name="ratio"/> × stuck-on.</summary>
    /// <param name="ratio">Stuck-off per stuck-on, finite and at least 0.</param>
    /// <returns>The mix.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is negative or not finite.</exception>
    public static FaultMix ProportionalStuckOff(double ratio) => ratio >= 0 && double.IsFinite(ratio)
        ? new FaultMix(FaultMixKind.ProportionalStuckOff, ratio)
        : throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"The stuck-off / stuck-on ratio must be a finite number at least 0, got {RateText.Format(ratio)}.");

    /// <summary>
    /// Parses a mix: <c>none</c> (stuck-on only); a rate such as <c>0.1%</c> or <c>0.001</c> (fixed stuck-off rate);
    /// <c>ratio:0.1936</c> (stuck-off = 0.1936 × stuck-on); or <c>9.04:1.75</c> (stuck-on : stuck-off as measured,
    /// ratio 1.75 / 9.04; both sides may carry a '%'). Invariant culture; <see cref="ToString"/> gives text this accepts.
    /// </summary>
    /// <param name="text">The mix.</param>
    /// <returns>The mix.</returns>
    /// <exception cref="FormatException">The text is none of the forms above.</exception>
    public static FaultMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Forms = "expected 'none', a fixed stuck-off rate such as '0.1%', 'ratio:<stuck-off per stuck-on>' such as 'ratio:0.1936', or '<stuck-on>:<stuck-off>' such as '9.04:1.75'";
        string trimmed = text.Trim();
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return StuckOnOnly;
        }

        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            try
            {
                return FixedStuckOff(RateText.Parse(trimmed));
            }
            catch (FormatException bad)
            {
                throw new FormatException($"'{text}' is not a fault mix: {Forms}. ({bad.Message})", bad);
            }
        }

        string left = trimmed[..colon].Trim();
        string right = trimmed[(colon + 1)..].Trim();
        if (left.Equals("ratio", StringComparison.OrdinalIgnoreCase))
        {
            return double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out double ratio) && ratio >= 0 && double.IsFinite(ratio)
                ? ProportionalStuckOff(ratio)
                : throw new FormatException($"'{text}' is not a fault mix: the ratio '{right}' must be a number at least 0 (stuck-off per stuck-on, e.g. ratio:0.1936).");
        }

        double stuckOn = Measured(left, "stuck-on", text, Forms);
        double stuckOff = Measured(right, "stuck-off", text, Forms);
        return stuckOn > 0
            ? ProportionalStuckOff(stuckOff / stuckOn)
            : throw new FormatException($"'{text}' is not a fault mix: the stuck-on side of '<stuck-on>:<stuck-off>' must be above 0.");
    }

    /// <summary>The stuck-off rate that goes with <paramref name="stuckOnRate"/>.</summary>
    /// <param name="stuckOnRate">The swept rate.</param>
    /// <returns>0, the fixed rate, or ratio × stuck-on.</returns>
    public double StuckOffAt(double stuckOnRate) => Kind switch
    {
        FaultMixKind.FixedStuckOff => Value,
        FaultMixKind.ProportionalStuckOff => Value * stuckOnRate,
        _ => 0,
    };

    /// <summary>The cell fault rates at <paramref name="stuckOnRate"/> (no bit flips, no PE faults).</summary>
    /// <param name="stuckOnRate">The swept rate.</param>
    /// <returns>The rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Stuck-on plus stuck-off exceed 1 at this rate.</exception>
    public FaultRates RatesAt(double stuckOnRate) => new(stuckOnRate, StuckOffAt(stuckOnRate), 0, 0);

    /// <summary>Checks that every rate in <paramref name="stuckOnRates"/> gives valid fault rates with this mix.</summary>
    /// <param name="stuckOnRates">The swept rates, e.g. <see cref="RateGrid.Rates"/>.</param>
    /// <exception cref="ArgumentException">At some rate stuck-on + stuck-off exceed 1; the message names the rate.</exception>
    public void Check(IEnumerable<double> stuckOnRates)
    {
        ArgumentNullException.ThrowIfNull(stuckOnRates);
        foreach (double rate in stuckOnRates)
        {
            double stuckOff = StuckOffAt(rate);
            if (rate + stuckOff > 1 + 1e-12)
            {
                throw new ArgumentException(
                    $"The fault mix '{Describe()}' is impossible at stuck-on rate {RateText.Percent(rate)}: with stuck-off rate {RateText.Percent(stuckOff)} a cell would be stuck with probability {RateText.Percent(rate + stuckOff)}, above 100%. Lower the highest grid rate or the stuck-off share.",
                    nameof(stuckOnRates));
            }
        }
    }

    /// <summary>The mix in words for reports, e.g. "stuck-on plus stuck-off = 0.1936 × stuck-on".</summary>
    /// <returns>The description.</returns>
    public string Describe() => Kind switch
    {
        FaultMixKind.FixedStuckOff => $"stuck-on plus a fixed stuck-off rate of {RateText.Percent(Value, 4)}",
        FaultMixKind.ProportionalStuckOff => $"stuck-on plus stuck-off = {Value.ToString("G4", CultureInfo.InvariantCulture)} × stuck-on",
        _ => "stuck-on only",
    };

    /// <summary>The mix as text that <see cref="Parse"/> reads back exactly: "none", "0.001" or "ratio:0.1936".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        FaultMixKind.FixedStuckOff => RateText.Format(Value),
        FaultMixKind.ProportionalStuckOff => "ratio:" + RateText.Format(Value),
        _ => "none",
    };

    private static double Measured(string side, string name, string text, string forms)
    {
        string number = side.EndsWith('%') ? side[..^1].TrimEnd() : side;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"'{text}' is not a fault mix: the {name} side '{side}' is not a number at least 0; {forms}.");
    }
}
