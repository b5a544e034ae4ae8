using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// One evaluation of a campaign: a configuration on one chip at one pair of fault rates. Chips are numbered from 1 and
/// the chip number is the fault-map seed, so a trial always means the same faults. Chip 0 is the configuration's
/// baseline: rates 0 and 0, the fault-free accuracy. Compared by value with exact doubles, which is how
/// <see cref="TrialsFile"/> recognises a trial it has already run.
/// </summary>
/// <param name="Configuration">What is evaluated.</param>
/// <param name="StuckOnRate">Per-cell stuck-on probability.</param>
/// <param name="StuckOffRate">Per-cell stuck-off probability.</param>
/// <param name="Chip">The chip (fault-map seed), or 0 for the baseline.</param>
public sealed record Trial(CampaignConfiguration Configuration, double StuckOnRate, double StuckOffRate, int Chip)
{
    /// <summary>What is evaluated.</summary>
    public CampaignConfiguration Configuration { get; } = Configuration ?? throw new ArgumentNullException(nameof(Configuration));

    /// <summary>Per-cell stuck-on probability.</summary>
    public double StuckOnRate { get; } = Rate(StuckOnRate, nameof(StuckOnRate));

    /// <summary>Per-cell stuck-off probability.</summary>
    public double StuckOffRate { get; } = Rate(StuckOffRate, nameof(StuckOffRate));

    /// <summary>The chip (fault-map seed) from 1, or 0 for the baseline.</summary>
    public int Chip { get; } = Chip < 0
        ? throw new ArgumentOutOfRangeException(nameof(Chip), Chip, $"Chips are numbered from 1 (0 is the fault-free baseline), got {Chip}.")
        : Chip == 0 && (StuckOnRate != 0 || StuckOffRate != 0)
            ? throw new ArgumentException($"Chip 0 is the fault-free baseline, so its rates must be 0 and 0, got stuck-on {RateText.Format(StuckOnRate)} and stuck-off {RateText.Format(StuckOffRate)}.", nameof(Chip))
            : Chip;

    /// <summary>Whether this is the fault-free baseline (chip 0).</summary>
    public bool IsBaseline => Chip == 0;

    /// <summary>The fault-map seed: the chip number.</summary>
    public ulong Seed => (ulong)Chip;

    /// <summary>The fault rates to sample the chip's fault map with (no bit flips, no PE faults).</summary>
    public FaultRates Rates => new(StuckOnRate, StuckOffRate, 0, 0);

    /// <summary>The fault-free trial of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>Chip 0 at rates 0 and 0.</returns>
    public static Trial Baseline(CampaignConfiguration configuration) => new(configuration, 0, 0, 0);

    /// <inheritdoc/>
    public override string ToString() => IsBaseline
        ? $"{Configuration}, baseline"
        : $"{Configuration}, stuck-on {RateText.Format(StuckOnRate)}, stuck-off {RateText.Format(StuckOffRate)}, chip {Chip}";

    // + 0.0 turns -0.0 into 0.0, so a rate never reads "-0" in a file.
    private static double Rate(double rate, string name) => rate >= 0 && rate <= 1
        ? rate + 0.0
        : throw new ArgumentOutOfRangeException(name, rate, $"The {name} must be a fraction in [0, 1], got {RateText.Format(rate)}.");
}
