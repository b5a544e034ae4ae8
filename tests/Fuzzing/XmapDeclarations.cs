using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// Random declarations other than networks: crossbar, systolic, pruning (for a generated network,
/// naming its weighted layers), mapping (a network onto a target with a scheme the target takes,
/// optionally pruned and quantized) and faults. Without noise each one binds.
/// </summary>
internal sealed class XmapDeclarations(XmapValues values)
{
    private static readonly string[] RangeWords = ["", "symmetric", "asymmetric", "robust"];

    private static readonly string[] EncodingWords = ["", "signed", "unsigned"];

    private static readonly string[] RoundingWords = ["", "round", "truncate"];

    // Powers of two: every block height the prunings use (1, 2, 4) divides the tile rows.
    public Gen<string> Crossbar(string name) =>
        from nameText in values.Name(name)
        from rows in Gen.Int[2, 7].Select(p => 1 << p)
        from columns in Gen.Int[1, 7].Select(p => 1 << p)
        from size in values.Noisy(Gen.Const($"{rows} x {columns}"), values.Shape2(0, 3))
        from levels in Gen.Frequency((2, Gen.Const("")), (3, values.Whole(2, 256).Select(l => $"levels {l};")))
        from conductance in Gen.Frequency((1, Gen.Const("")), (2, values.ConductanceRange.Select(c => $"conductance {c};")))
        from order in Gen.Shuffle(new[] { $"size {size};", levels, conductance })
        select Block($"crossbar {nameText}", order);

    public Gen<string> Systolic(string name) =>
        from nameText in values.Name(name)
        from size in values.Noisy(Gen.Select(Gen.Int[2, 5], Gen.Int[2, 5]).Select((r, c) => $"{1 << r} x {1 << c}"), values.Shape2(0, 3))
        select Block($"systolic {nameText}", [$"size {size};"]);

    public Gen<string> Faults(string name) =>
        from nameText in values.Name(name)
        from stuckOn in values.Noisy(Gen.Int[0, 50], Gen.Int[51, 120]).Select(p => $"stuck-on {p}%;")
        from stuckOff in Gen.Int[0, 50].Select(p => $"stuck-off {p}%;")
        from bitFlip in values.Rate.Select(r => $"bit-flip {r};")
        from pe in values.Rate.Select(r => $"pe {r};")
        from statements in Gen.Shuffle(new[] { stuckOn, stuckOff, bitFlip, pe }, 0, 4)
        select Block($"faults {nameText}", statements);

    /// <summary>A pruning of <paramref name="network"/>: rules for some of its weighted layers and maybe <c>*</c>.</summary>
    public Gen<string> Pruning(string name, XmapNetworkSketch network) =>
        from nameText in values.Name(name)
        from networkText in values.Name(network.Name)
        from layers in Gen.Shuffle(network.Weighted.ToArray(), 0, network.Weighted.Count)
        from rules in GenSequence.Of(layers.Select(Rule))
        from star in Gen.Frequency((1, Gen.Const("")), (1, Rule(null)))
        select Block($"pruning {nameText} for {networkText}", star == "" ? rules : [.. rules, star]);

    /// <summary>A mapping of <paramref name="network"/> onto a target; the scheme fits the target kind.</summary>
    public Gen<string> Mapping(string name, string network, (string Name, bool Systolic) target, string? pruning) =>
        from nameText in values.Name(name)
        from networkText in values.Name(network)
        from targetText in values.Name(target.Name)
        from scheme in values.Noisy(
            target.Systolic ? Gen.Const("weight-stationary") : Gen.OneOf("two-column", "differential", "offset"),
            Gen.OneOf("weight-stationary", "two-column", "twocolumn", "Offset", "differential differential"))
        from quantize in Gen.Frequency((2, Gen.Const("")), (1, Quantize))
        from statements in Gen.Shuffle(new[] { $"scheme {scheme};", pruning is null ? "" : $"pruning {pruning};", quantize })
        select Block($"mapping {nameText}: {networkText} -> {targetText}", statements);

    // Valid ones include a C# keyword part and System's own namespace, which the generated code must survive.
    public Gen<string> Namespace =>
        values.Noisy(Gen.OneOf("Lab", "Lab.Fuzz", "A.B.C", "Lab.class", "Lab.nameof", "System.Fuzz", "Lab.LeNet", "_x.y1"), Gen.OneOf("Lab..X", "Lab.", ".Lab", "1Lab", "Lab . X", "Läb"));

    private Gen<string> Quantize =>
        from bits in values.Whole(2, 16)
        from unit in Gen.OneOf("bit", "bits")
        from range in Gen.OneOf(RangeWords)
        from encoding in range == "robust" ? Gen.Const("") : Gen.OneOf(EncodingWords)
        from rounding in range == "robust" ? Gen.Const("") : Gen.OneOf(RoundingWords)
        from biases in Gen.OneOf("", "biases")
        from words in Gen.Shuffle(new[] { range, encoding, rounding, biases })
        from conflict in values.Noisy(Gen.Const(""), Gen.OneOf(" signed unsigned", " round round", " robust truncate", " clip", " clip 0"))
        from clip in Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOf(" clip 0.5", " clip 1", " clip 0.05")))
        select $"quantize {bits} {unit}{string.Concat(words.Where(w => w != "").Select(w => " " + w))}{conflict}{clip};";

    // A rule for one weighted layer, or (layer null) for `*`, where patterns cannot go: not every layer is a conv.
    private Gen<string> Rule(XmapWeightedLayer? layer)
    {
        var kinds = new List<(int, IGen<string>)>
        {
            (1, Gen.Const("none")),
            (3, values.Sparsity.Select(s => $"unstructured {s}")),
            (2, values.Sparsity.Select(s => $"rows {s}")),
            (2, values.Sparsity.Select(s => $"columns {s}")),
            (2, Gen.Select(Gen.OneOf(1, 2, 4), values.Sparsity).Select((rows, s) => $"blocks {rows}x1 {s}")),
            (2, values.OrderedPair(8).Select(p => $"n:m {p.Low}:{p.High}")),
        };
        if (layer is { IsConv: true })
        {
            kinds.Add((3, values.Whole(1, layer.KernelHeight * layer.KernelWidth).Select(n => $"pattern {n} of {layer.KernelHeight}x{layer.KernelWidth}")));
        }

        return Gen.Frequency([.. kinds]).Select(rule => $"{layer?.Name ?? "*"}: {rule};");
    }

    /// <summary>A declaration header and its statements, one per line, empty statements left out.</summary>
    public static string Block(string header, IEnumerable<string> statements) =>
        string.Join("\n", [header + " {", .. statements.Where(s => s != "").Select(s => "    " + s), "}"]);
}
