using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class CampaignPlanTests
{
    internal static readonly CampaignConfiguration[] Configurations =
    [
        new("DM", "two-column", 0),
        new("DM", "differential", 0),
        new("DM", "two-column", 0.8),
        new("DM", "differential", 0.8),
    ];

    [Fact]
    public void The_plan_has_one_baseline_per_configuration_then_every_rate_and_chip()
    {
        var plan = new CampaignPlan(Configurations, RateGrid.Default, FaultMix.StuckOnOnly, chips: 5);

        plan.Trials.Count.ShouldBe(4 * (1 + 19 * 5));
        plan.Trials.Take(4).ShouldBe(Configurations.Select(Trial.Baseline));
        plan.Trials.Distinct().Count().ShouldBe(plan.Trials.Count);
        plan.Trials.Skip(4).Select(t => t.Chip).ShouldBeInOrder();
        plan.Trials.Skip(4).Take(19).Select(t => t.StuckOnRate).ShouldBe(RateGrid.Default.Rates);
        plan.Trials.Skip(4).ShouldAllBe(t => t.Chip >= 1 && t.Chip <= 5 && t.StuckOffRate == 0);
        foreach (CampaignConfiguration config in Configurations)
        {
            plan.Trials.Count(t => t.Configuration == config).ShouldBe(1 + 19 * 5);
        }
    }

    [Fact]
    public void The_mix_sets_each_trials_stuck_off_rate()
    {
        FaultMix mix = FaultMix.Parse("9.04:1.75");
        var plan = new CampaignPlan(Configurations.Take(1), [1e-3, 1e-2], mix, chips: 2);

        plan.Trials.ShouldBe(
        [
            Trial.Baseline(Configurations[0]),
            new Trial(Configurations[0], 1e-3, mix.StuckOffAt(1e-3), 1),
            new Trial(Configurations[0], 1e-2, mix.StuckOffAt(1e-2), 1),
            new Trial(Configurations[0], 1e-3, mix.StuckOffAt(1e-3), 2),
            new Trial(Configurations[0], 1e-2, mix.StuckOffAt(1e-2), 2),
        ]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(500)]
    public void Shards_are_disjoint_balanced_and_together_exactly_the_plan(int count)
    {
        var plan = new CampaignPlan(Configurations, RateGrid.Default, FaultMix.StuckOnOnly, chips: 3);

        List<IReadOnlyList<Trial>> shards = [.. Enumerable.Range(1, count).Select(i => plan.Shard(i, count))];
        Dictionary<Trial, int> position = plan.Trials.Select((trial, i) => (trial, i)).ToDictionary(x => x.trial, x => x.i);

        shards.SelectMany(s => s).Count().ShouldBe(plan.Trials.Count);
        shards.SelectMany(s => s).ToHashSet().SetEquals(plan.Trials).ShouldBeTrue();
        (shards.Max(s => s.Count) - shards.Min(s => s.Count)).ShouldBeLessThanOrEqualTo(1);
        foreach (IReadOnlyList<Trial> shard in shards)
        {
            shard.Select(t => position[t]).ShouldBeInOrder(); // plan order within a shard
        }

        plan.Shard(ShardSpec.Parse($"{count}/{count}")).ShouldBe(shards[^1]);
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData(" 1 / 1 ", 1, 1)]
    public void Shard_specs_parse(string text, int index, int count)
    {
        ShardSpec.Parse(text).ShouldBe(new ShardSpec(index, count));
        new ShardSpec(index, count).ToString().ShouldBe($"{index}/{count}");
    }

    [Theory]
    [InlineData("2", "'2' is not a shard: expected '<index>/<count>' with whole numbers, e.g. '2/4'")]
    [InlineData("a/4", "expected '<index>/<count>'")]
    [InlineData("-1/4", "expected '<index>/<count>'")]
    [InlineData("0/4", "'0/4' is not a shard: the index must be from 1 to the count")]
    [InlineData("5/4", "the index must be from 1 to the count")]
    [InlineData("1/0", "the index must be from 1 to the count (at least 1)")]
    public void Bad_shard_specs_fail_with_a_clear_message(string text, string message)
    {
        Should.Throw<FormatException>(() => ShardSpec.Parse(text)).Message.ShouldContain(message);
    }

    [Fact]
    public void Bad_plans_are_rejected()
    {
        Should.Throw<ArgumentException>(() => new CampaignPlan([], RateGrid.Default, FaultMix.StuckOnOnly, 1))
            .Message.ShouldContain("at least one configuration");
        Should.Throw<ArgumentException>(() => new CampaignPlan([Configurations[0], Configurations[0]], RateGrid.Default, FaultMix.StuckOnOnly, 1))
            .Message.ShouldContain("is listed twice");
        Should.Throw<ArgumentException>(() => new CampaignPlan(Configurations, [0.01, 0.01], FaultMix.StuckOnOnly, 1))
            .Message.ShouldContain("The fault rate 0.01 is listed twice");
        Should.Throw<ArgumentException>(() => new CampaignPlan(Configurations, [0, 0.01], FaultMix.StuckOnOnly, 1))
            .Message.ShouldContain("above 0");
        Should.Throw<ArgumentOutOfRangeException>(() => new CampaignPlan(Configurations, RateGrid.Default, FaultMix.StuckOnOnly, 0));
        Should.Throw<ArgumentException>(() => new CampaignPlan(Configurations, RateGrid.Default, FaultMix.FixedStuckOff(0.75), 1))
            .Message.ShouldContain("at stuck-on rate 30%");
    }

    [Fact]
    public void Configuration_names_must_fit_a_csv_field_and_baselines_have_no_faults()
    {
        Should.Throw<ArgumentException>(() => new CampaignConfiguration("a,b", "two-column", 0)).Message.ShouldContain("without commas");
        Should.Throw<ArgumentException>(() => new CampaignConfiguration("DM", " two-column", 0)).Message.ShouldContain("surrounding spaces");
        Should.Throw<ArgumentOutOfRangeException>(() => new CampaignConfiguration("DM", "two-column", 80)).Message.ShouldContain("not a percentage");
        Should.Throw<ArgumentException>(() => new Trial(Configurations[0], 0.01, 0, 0)).Message.ShouldContain("Chip 0 is the fault-free baseline");
        new CampaignConfiguration("DM", "differential", 0.8).Label.ShouldBe("differential, 80% sparse");
        new CampaignConfiguration("DM", "two-column", 0).Label.ShouldBe("two-column, unpruned");
    }

    [Fact]
    public void Coverage_names_the_missing_and_the_unplanned_trials()
    {
        var plan = new CampaignPlan(Configurations, [0.01, 0.1], FaultMix.StuckOnOnly, chips: 2);
        var stranger = new Trial(Configurations[0], 0.5, 0, 1);
        var finished = plan.Trials.Skip(3).Append(stranger).ToList();

        var (missing, notPlanned) = plan.Coverage(finished);

        missing.ShouldBe(plan.Trials.Take(3));
        notPlanned.ShouldBe([stranger]);
        plan.Coverage(plan.Trials.Reverse()).Missing.ShouldBeEmpty();
        plan.Coverage(plan.Trials).NotPlanned.ShouldBeEmpty();
    }
}
