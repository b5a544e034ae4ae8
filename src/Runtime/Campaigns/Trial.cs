using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// One evaluation of a campaign: a configuration on one chip at one set of fault rates (any fault kinds of the
/// language: stuck-on, stuck-off, bit-flip, pe). Chips are numbered from 1 and the chip number is the fault-map seed,
/// so a trial always means the same faults. Chip 0 is the configuration's baseline: every rate 0, the fault-free
/// accuracy. Compared by value with exact doubles, which is how <see cref="TrialsFile"/> recognises a trial it has
/// already run.
/// </summary>
/// <param name="Configuration">What is evaluated.</param>
/// <param name="Rates">The per-unit fault rates the chip's fault map is sampled at.</param>
/// <param name="Chip">The chip (fault-map seed), or 0 for the baseline.</param>
public sealed record Trial(CampaignConfiguration Configuration, FaultRates Rates, int Chip)
{
    /// <summary>A trial of stuck cells only (no bit flips, no PE faults).</summary>
    /// <param name="configuration">What is evaluated.</param>
    /// <param name="stuckOnRate">Per-cell stuck-on probability.</param>
    /// <param name="stuckOffRate">Per-cell stuck-off probability.</param>
    /// <param name="chip">The chip (fault-map seed), or 0 for the baseline.</param>
    public Trial(CampaignConfiguration configuration, double stuckOnRate, double stuckOffRate, int chip)
        : this(configuration, StuckCells(stuckOnRate, stuckOffRate), chip)
    {
    }

    /// <summary>What is evaluated.</summary>
    public CampaignConfiguration Configuration { get; } = Configuration ?? throw new ArgumentNullException(nameof(Configuration));

    /// <summary>The per-unit fault rates, every kind; -0.0 is stored as 0.0 so a rate never reads "-0" in a file.</summary>
    public FaultRates Rates { get; } = Rates is null
        ? throw new ArgumentNullException(nameof(Rates))
        : new FaultRates(Rates.StuckOn + 0.0, Rates.StuckOff + 0.0, Rates.BitFlip + 0.0, Rates.Pe + 0.0);

    /// <summary>The chip (fault-map seed) from 1, or 0 for the baseline.</summary>
    public int Chip { get; } = Chip < 0
        ? throw new ArgumentOutOfRangeException(nameof(Chip), Chip, $"Chips are numbered from 1 (0 is the fault-free baseline), got {Chip}.")
        : Chip == 0 && Rates is not null && Rates != FaultRates.None
            ? throw new ArgumentException($"Chip 0 is the fault-free baseline, so every rate must be 0, got {Describe(Rates)}.", nameof(Chip))
            : Chip;

    /// <summary>Per-cell stuck-on probability.</summary>
    public double StuckOnRate => Rates.StuckOn;

    /// <summary>Per-cell stuck-off probability.</summary>
    public double StuckOffRate => Rates.StuckOff;

    /// <summary>Whether this is the fault-free baseline (chip 0).</summary>
    public bool IsBaseline => Chip == 0;

    /// <summary>The fault-map seed: the chip number.</summary>
    public ulong Seed => (ulong)Chip;

    /// <summary>The fault-free trial of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>Chip 0 at rates 0.</returns>
    public static Trial Baseline(CampaignConfiguration configuration) => new(configuration, FaultRates.None, 0);

    /// <inheritdoc/>
    public override string ToString() => IsBaseline ? $"{Configuration}, baseline" : $"{Configuration}, {Describe(Rates)}, chip {Chip}";

    /// <summary>The non-zero rates for people, e.g. "stuck-on 1%, stuck-off 0.2%"; stuck-on and stuck-off always together.</summary>
    /// <param name="rates">The rates.</param>
    /// <returns>The text.</returns>
    public static string Describe(FaultRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var parts = new List<string>();
        if (rates.StuckOn != 0 || rates.StuckOff != 0 || (rates.BitFlip == 0 && rates.Pe == 0))
        {
            parts.Add($"stuck-on {RateText.Format(rates.StuckOn)}, stuck-off {RateText.Format(rates.StuckOff)}");
        }

        if (rates.BitFlip != 0)
        {
            parts.Add($"bit-flip {RateText.Format(rates.BitFlip)}");
        }

        if (rates.Pe != 0)
        {
            parts.Add($"pe {RateText.Format(rates.Pe)}");
        }

        return string.Join(", ", parts);
    }

    private static FaultRates StuckCells(double stuckOn, double stuckOff)
    {
        try
        {
            return new FaultRates(stuckOn, stuckOff, 0, 0);
        }
        catch (ArgumentOutOfRangeException invalid) when (invalid.ParamName is "StuckOn" or "StuckOff")
        {
            // Name the trial's own parameters, which is what a caller of this constructor wrote.
            var name = invalid.ParamName == "StuckOn" ? nameof(StuckOnRate) : nameof(StuckOffRate);
            var rate = invalid.ParamName == "StuckOn" ? stuckOn : stuckOff;
            throw new ArgumentOutOfRangeException(name, rate, $"The {name} must be a fraction in [0, 1], got {RateText.Format(rate)}.");
        }
    }
}
