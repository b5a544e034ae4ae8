namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Every trial of a campaign, in the order they are run. First the baseline trial of each configuration (so the
/// fault-free accuracies, which every summary needs, are there early); then chip by chip: for chip 1 every
/// configuration at every rate (rates ascending), then chip 2, and so on. Chip-major order means that a campaign
/// stopped at any point already has complete, if noisier, curves for every configuration, and each further chip
/// refines them; with configuration-major order an interrupted run would have some configurations finished and
/// others missing entirely.
/// </summary>
public sealed class CampaignPlan
{
    /// <summary>Plans a sweep over the rates of <paramref name="grid"/>.</summary>
    /// <param name="configurations">The configurations, distinct, at least one.</param>
    /// <param name="grid">The stuck-on rates.</param>
    /// <param name="mix">How each stuck-on rate gets its stuck-off rate.</param>
    /// <param name="chips">Chips (fault-map seeds 1..chips) per rate, at least 1.</param>
    public CampaignPlan(IEnumerable<CampaignConfiguration> configurations, RateGrid grid, FaultMix mix, int chips)
        : this(configurations, (grid ?? throw new ArgumentNullException(nameof(grid))).Rates, mix, chips)
    {
    }

    /// <summary>Plans a sweep over explicit stuck-on rates.</summary>
    /// <param name="configurations">The configurations, distinct, at least one.</param>
    /// <param name="stuckOnRates">The stuck-on rates: distinct, above 0, at most 1 (any order; sorted here).</param>
    /// <param name="mix">How each stuck-on rate gets its stuck-off rate.</param>
    /// <param name="chips">Chips (fault-map seeds 1..chips) per rate, at least 1.</param>
    /// <exception cref="ArgumentException">
    /// No configurations, a repeated configuration or rate, a rate outside (0, 1], fewer than 1 chip, or a mix that is
    /// impossible at some rate.
    /// </exception>
    public CampaignPlan(IEnumerable<CampaignConfiguration> configurations, IEnumerable<double> stuckOnRates, FaultMix mix, int chips)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(stuckOnRates);
        ArgumentNullException.ThrowIfNull(mix);
        CampaignConfiguration[] configs = [.. configurations];
        if (configs.Length == 0)
        {
            throw new ArgumentException("A campaign needs at least one configuration.", nameof(configurations));
        }

        var seen = new HashSet<CampaignConfiguration>();
        foreach (CampaignConfiguration config in configs)
        {
            ArgumentNullException.ThrowIfNull(config, nameof(configurations));
            if (!seen.Add(config))
            {
                throw new ArgumentException($"The configuration {config} is listed twice.", nameof(configurations));
            }
        }

        double[] rates = [.. stuckOnRates.Order()];
        if (rates.Length == 0)
        {
            throw new ArgumentException("A campaign needs at least one stuck-on rate.", nameof(stuckOnRates));
        }

        for (int i = 0; i < rates.Length; i++)
        {
            if (!(rates[i] > 0 && rates[i] <= 1))
            {
                throw new ArgumentException($"Stuck-on rates must be fractions above 0 and at most 1 (the fault-free case is the baseline trial), got {RateText.Format(rates[i])}.", nameof(stuckOnRates));
            }

            if (i > 0 && rates[i] == rates[i - 1])
            {
                throw new ArgumentException($"The stuck-on rate {RateText.Format(rates[i])} is listed twice.", nameof(stuckOnRates));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(chips, 1);
        mix.Check(rates);

        Configurations = configs;
        StuckOnRates = rates;
        Mix = mix;
        Chips = chips;
        Trials = Enumerate(configs, rates, mix, chips);
    }

    /// <summary>The configurations, in the order given.</summary>
    public IReadOnlyList<CampaignConfiguration> Configurations { get; }

    /// <summary>The stuck-on rates, ascending.</summary>
    public IReadOnlyList<double> StuckOnRates { get; }

    /// <summary>How each stuck-on rate gets its stuck-off rate.</summary>
    public FaultMix Mix { get; }

    /// <summary>Chips per rate; chips are numbered 1 to this.</summary>
    public int Chips { get; }

    /// <summary>All trials in run order: configurations × (1 + rates × chips).</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>
    /// The trials of shard <paramref name="index"/> of <paramref name="count"/>: the trials whose 0-based position in
    /// <see cref="Trials"/> is congruent to index - 1 modulo count, in plan order. The shards are disjoint, together
    /// they are exactly the plan, their sizes differ by at most 1, and each shard gets a share of the baselines and of
    /// every chip, so each progresses like the whole campaign.
    /// </summary>
    /// <param name="index">1-based shard number.</param>
    /// <param name="count">Number of shards.</param>
    /// <returns>The shard's trials.</returns>
    public IReadOnlyList<Trial> Shard(int index, int count) => Shard(new ShardSpec(index, count));

    /// <summary>The trials of <paramref name="shard"/>; see <see cref="Shard(int, int)"/>.</summary>
    /// <param name="shard">The shard.</param>
    /// <returns>The shard's trials.</returns>
    public IReadOnlyList<Trial> Shard(ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var trials = new List<Trial>(Trials.Count / shard.Count + 1);
        for (int i = shard.Index - 1; i < Trials.Count; i += shard.Count)
        {
            trials.Add(Trials[i]);
        }

        return trials;
    }

    private static Trial[] Enumerate(CampaignConfiguration[] configs, double[] rates, FaultMix mix, int chips)
    {
        var trials = new List<Trial>(checked(configs.Length * (1 + rates.Length * chips)));
        trials.AddRange(configs.Select(Trial.Baseline));
        for (int chip = 1; chip <= chips; chip++)
        {
            foreach (CampaignConfiguration config in configs)
            {
                foreach (double rate in rates)
                {
                    trials.Add(new Trial(config, rate, mix.StuckOffAt(rate), chip));
                }
            }
        }

        return [.. trials];
    }
}
