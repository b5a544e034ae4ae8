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
        : this(Pairs(configurations, [FaultSweep.StuckCells(mix ?? throw new ArgumentNullException(nameof(mix)))]), stuckOnRates, chips)
    {
    }

    /// <summary>
    /// Plans sweeps of any fault kinds: each configuration with each of its sweeps at every rate, on every chip. A
    /// configuration may have its own sweeps (e.g. one per fault kind its mapping can have, see <see cref="OfMappings"/>).
    /// </summary>
    /// <param name="sweeps">Each configuration with the sweeps it is evaluated under; configurations distinct.</param>
    /// <param name="rates">The swept rates: distinct, above 0, at most 1 (any order; sorted here).</param>
    /// <param name="chips">Chips (fault-map seeds 1..chips) per rate, at least 1.</param>
    /// <exception cref="ArgumentException">
    /// No configurations, a repeated configuration, sweep or rate, a rate outside (0, 1], fewer than 1 chip, or a
    /// sweep that is impossible at some rate.
    /// </exception>
    public CampaignPlan(IEnumerable<(CampaignConfiguration Configuration, IReadOnlyList<FaultSweep> Sweeps)> sweeps, IEnumerable<double> rates, int chips)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        ArgumentNullException.ThrowIfNull(rates);
        (CampaignConfiguration Configuration, IReadOnlyList<FaultSweep> Sweeps)[] pairs = [.. sweeps];
        if (pairs.Length == 0)
        {
            throw new ArgumentException("A campaign needs at least one configuration.", nameof(sweeps));
        }

        var seen = new HashSet<CampaignConfiguration>();
        foreach (var (config, configSweeps) in pairs)
        {
            ArgumentNullException.ThrowIfNull(config, nameof(sweeps));
            ArgumentNullException.ThrowIfNull(configSweeps, nameof(sweeps));
            if (!seen.Add(config))
            {
                throw new ArgumentException($"The configuration {config} is listed twice.", nameof(sweeps));
            }

            if (configSweeps.Count == 0 || configSweeps.Distinct().Count() != configSweeps.Count || configSweeps.Any(s => s is null))
            {
                throw new ArgumentException($"The configuration {config} needs at least one fault sweep, each once.", nameof(sweeps));
            }
        }

        double[] sorted = [.. rates.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A campaign needs at least one fault rate.", nameof(rates));
        }

        for (int i = 0; i < sorted.Length; i++)
        {
            if (!(sorted[i] > 0 && sorted[i] <= 1))
            {
                throw new ArgumentException($"Fault rates must be fractions above 0 and at most 1 (the fault-free case is the baseline trial), got {RateText.Format(sorted[i])}.", nameof(rates));
            }

            if (i > 0 && sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"The fault rate {RateText.Format(sorted[i])} is listed twice.", nameof(rates));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(chips, 1);
        foreach (FaultSweep sweep in pairs.SelectMany(p => p.Sweeps).Distinct())
        {
            sweep.Check(sorted);
        }

        Configurations = [.. pairs.Select(p => p.Configuration)];
        SweepsOf = pairs.ToDictionary(p => p.Configuration, p => p.Sweeps);
        StuckOnRates = sorted;
        Chips = chips;
        Columns = TrialColumns.For(pairs.SelectMany(p => p.Sweeps).SelectMany(s => s.Kinds), TrialColumns.AxesOf(Configurations));
        Mix = pairs.SelectMany(p => p.Sweeps).Select(s => s.Mix).Distinct().Count() == 1 ? pairs[0].Sweeps[0].Mix : null;
        Trials = Enumerate(pairs, sorted, chips);
    }

    /// <summary>
    /// Plans, for every mapping, a sweep of each fault kind it can have (<see cref="Contract.IMapping.FaultKinds"/>),
    /// one kind at a time, at every rate on every chip: the campaign that asks how each kind of fault alone hurts each
    /// mapping. Configurations come from <see cref="CampaignConfiguration.Of"/>.
    /// </summary>
    /// <param name="mappings">The mappings, distinct.</param>
    /// <param name="rates">The swept rates.</param>
    /// <param name="chips">Chips per rate.</param>
    /// <returns>The plan.</returns>
    public static CampaignPlan OfMappings(IEnumerable<Contract.IMapping> mappings, IEnumerable<double> rates, int chips)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        return new CampaignPlan(
            mappings.Select(m => (CampaignConfiguration.Of(m), (IReadOnlyList<FaultSweep>)[.. m.FaultKinds.Select(FaultSweep.Only)])),
            rates,
            chips);
    }

    /// <summary>The configurations, in the order given.</summary>
    public IReadOnlyList<CampaignConfiguration> Configurations { get; }

    /// <summary>The fault sweeps of each configuration.</summary>
    public IReadOnlyDictionary<CampaignConfiguration, IReadOnlyList<FaultSweep>> SweepsOf { get; }

    /// <summary>The swept rates, ascending (the stuck-on rates of a stuck-cell campaign).</summary>
    public IReadOnlyList<double> StuckOnRates { get; }

    /// <summary>The swept rates, ascending.</summary>
    public IReadOnlyList<double> Rates => StuckOnRates;

    /// <summary>How each stuck-on rate gets its stuck-off rate, when every configuration has the same one stuck-cell sweep; else null.</summary>
    public FaultMix? Mix { get; }

    /// <summary>Chips per rate; chips are numbered 1 to this.</summary>
    public int Chips { get; }

    /// <summary>The columns of this campaign's trials file: a rate column for every fault kind its sweeps use.</summary>
    public TrialColumns Columns { get; }

    /// <summary>All trials in run order: the baselines, then per chip every configuration, sweep and rate.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>
    /// How a set of finished trials (e.g. the merged rows of every shard) covers this plan: the planned trials it lacks
    /// and the trials it has that the plan does not, each in plan or file order. A merge is complete when both are
    /// empty; a summary of an incomplete one would look finished with fewer chips.
    /// </summary>
    /// <param name="finished">The finished trials.</param>
    /// <returns>The missing and the unplanned trials.</returns>
    public (IReadOnlyList<Trial> Missing, IReadOnlyList<Trial> NotPlanned) Coverage(IEnumerable<Trial> finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        List<Trial> found = [.. finished];
        var have = found.ToHashSet();
        var planned = Trials.ToHashSet();
        return ([.. Trials.Where(t => !have.Contains(t))], [.. found.Where(t => !planned.Contains(t))]);
    }

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

    private static IEnumerable<(CampaignConfiguration, IReadOnlyList<FaultSweep>)> Pairs(IEnumerable<CampaignConfiguration> configurations, IReadOnlyList<FaultSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        return configurations.Select(c => (c, sweeps));
    }

    private static Trial[] Enumerate((CampaignConfiguration Configuration, IReadOnlyList<FaultSweep> Sweeps)[] pairs, double[] rates, int chips)
    {
        var trials = new List<Trial>(checked(pairs.Length + pairs.Sum(p => p.Sweeps.Count) * rates.Length * chips));
        trials.AddRange(pairs.Select(p => Trial.Baseline(p.Configuration)));
        for (int chip = 1; chip <= chips; chip++)
        {
            foreach (var (config, sweeps) in pairs)
            {
                foreach (FaultSweep sweep in sweeps)
                {
                    foreach (double rate in rates)
                    {
                        trials.Add(new Trial(config, sweep.RatesAt(rate), chip));
                    }
                }
            }
        }

        return [.. trials];
    }
}
