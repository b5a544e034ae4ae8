using MapDsl.Package.Tests.Support;

namespace MapDsl.Package.Tests;

/// <summary>
/// A new user's campaign on the packed package: an own .xmap (three mappings of one network, a pruning, a faults
/// declaration) and a Program.cs of at most 40 lines that runs every fault kind each mapping allows over rates and
/// chips through the generated registries, then checks every trial against a from-scratch Map/Inject/ReadBack/forward.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class ConsumerCampaignTests(PackedPackage package) : IDisposable
{
    private const string Xmap = """
        namespace Consumer.Lab;

        crossbar Cells32 { size 32 x 32; levels 15; conductance 1uS .. 100uS; }
        systolic Pe8 { size 8 x 8; }

        network Mlp { input 784; dense hidden 24; relu; dense out 10; }

        pruning Half for Mlp { out: none; *: unstructured 50%; }

        mapping Pairs: Mlp -> Cells32 { scheme two-column; pruning Half; }
        mapping Coded: Mlp -> Cells32 { scheme offset; quantize 8 bit; }
        mapping OnPes: Mlp -> Pe8 { scheme weight-stationary; }

        faults Sweep { stuck-on 1%; pe 5%; }
        """;

    private const string Program = """
        using Consumer.Lab;
        using MapDsl.Runtime.Campaigns;
        using MapDsl.Runtime.Data;
        using MapDsl.Runtime.Evaluation;

        var test = Datasets.FashionTest(args[0]).Slice(0, 100);
        var weights = new Mlp.Weights();
        var random = new Random(7);
        foreach (var layer in Mlp.WeightedLayerNames)
        {
            foreach (var values in new[] { weights.WeightsOf(layer), weights.BiasOf(layer) })
            {
                for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() - 0.5) * 0.2f;
            }
        }

        var plan = CampaignPlan.OfMappings(Mlp.Mappings, [Sweep.StuckOn, Sweep.Pe], chips: 2);
        var path = Path.Combine(args[1], "trials.csv");
        using (var file = TrialsFile.Open(path, plan.Columns))
        {
            MappingCampaign.Run(plan.Trials, Mlp.Mappings, _ => weights, test, file);
        }

        Console.WriteLine(File.ReadLines(path).First());
        foreach (var row in TrialsFile.ReadRows(path))
        {
            var mapping = Mlp.Mappings.Single(m => m.Name == row.Trial.Configuration.Mapping);
            var chip = mapping.Map(weights);
            mapping.Inject(chip, mapping.SampleFaults(row.Trial.Rates, row.Trial.Seed));
            var scratch = TestAccuracy.Of(mapping.ReadBack(chip), test);
            Console.WriteLine($"trial {row.Trial}: {(scratch == row.Accuracy ? $"equal at {scratch}" : $"campaign {row.Accuracy} but from scratch {scratch}")}");
        }
        """;

    private readonly ConsumerProject _consumer = new(package);

    [Fact]
    public async Task A_campaign_over_every_mapping_and_fault_kind_matches_from_scratch_chips()
    {
        Program.Split('\n').Count(line => line.Trim().Length > 0).ShouldBeLessThanOrEqualTo(40);
        _consumer.Write("lab.xmap", Xmap);
        _consumer.Write("Program.cs", Program);
        var output = Path.Combine(_consumer.Folder, "out");
        Directory.CreateDirectory(output);

        var run = await _consumer.DotnetAsync("run", "--", RepositoryRoot.File("data", "fashion-mnist"), output);

        run.Succeeded.ShouldBeTrue(run.ToString());
        run.Lines.ShouldContain("mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,bit_flip_rate,pe_rate,chip,accuracy", run.ToString());
        var trials = run.Lines.Where(l => l.StartsWith("trial ", StringComparison.Ordinal)).ToList();

        // 3 baselines; two-column: stuck-on, stuck-off; offset 8 bit: stuck-on, stuck-off, bit-flip; weight-stationary:
        // pe; each at 2 rates on 2 chips.
        trials.Count.ShouldBe(3 + (2 + 3 + 1) * 2 * 2, run.ToString());
        trials.ShouldAllBe(l => l.Contains(": equal at ", StringComparison.Ordinal), run.ToString());
        trials.Select(l => l[(l.LastIndexOf(' ') + 1)..]).Distinct().Count().ShouldBeGreaterThan(3, "faults change what the chips compute");
        trials.Count(l => l.Contains("bit-flip 0.05")).ShouldBe(2);
        trials.Count(l => l.Contains("pe 0.01")).ShouldBe(2);
        trials.Count(l => l.StartsWith("trial Pairs (two-column, sparsity 0.5)", StringComparison.Ordinal)).ShouldBe(1 + 2 * 2 * 2);
    }

    public void Dispose() => _consumer.Dispose();
}
