using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// Random .xmap programs from the grammar: an optional namespace, then crossbars, systolic arrays,
/// networks, prunings of those networks, mappings of them onto the targets and fault models, in a
/// shuffled order (declarations may come in any order), with LF or CRLF line ends and comments.
/// Names come from per-kind pools so that references resolve; a few are C# keywords or System type
/// names, which the generated code must escape or survive. At noise 0 every program binds without
/// errors; above, values go slightly wrong and the text gets structural edits (<see cref="XmapSyntaxNoise"/>).
/// Without a namespace, a program is sometimes split over two files, which bind together.
/// </summary>
internal sealed class XmapPrograms
{
    // C# keywords, contextual keywords and System type names; distinct across kinds so that they never
    // clash in one namespace. Index 0 takes the even entries, index 1 the odd ones.
    private static readonly Dictionary<string, string[]> SpecialNames = new()
    {
        ["X"] = ["object", "Math", "file", "dynamic"],
        ["S"] = ["unsafe", "Buffer", "required", "async"],
        ["N"] = ["class", "Random", "record", "nameof"],
        ["P"] = ["checked", "Half", "scoped", "value"],
        ["M"] = ["struct", "Array", "await", "global"],
        ["F"] = ["volatile", "Console", "partial", "yield"],
    };

    private readonly XmapValues _values;
    private readonly XmapNetworks _networks;
    private readonly XmapDeclarations _declarations;
    private readonly int _maxEdits;

    public XmapPrograms(int noisePerMille, int maxEdits)
    {
        _values = new XmapValues(noisePerMille);
        _networks = new XmapNetworks(_values);
        _declarations = new XmapDeclarations(_values);
        _maxEdits = maxEdits;
        Program = Build();
    }

    /// <summary>The files of one program.</summary>
    public Gen<IReadOnlyList<FuzzFile>> Program { get; }

    private Gen<IReadOnlyList<FuzzFile>> Build() =>
        from ns in Gen.Frequency((1, Gen.Const("")), (2, _declarations.Namespace))
        from crossbars in Names("X", 0, 2)
        from systolics in Names("S", 0, 1)
        from networkNames in Names("N", 0, 2)
        from networks in GenSequence.Of(networkNames.Select(_networks.Network))
        from prunings in Prunings(networks)
        from targets in Gen.Const(crossbars.Select(x => (x, false)).Concat(systolics.Select(s => (s, true))).ToArray())
        from mappings in Mappings(networks, targets, prunings)
        from faults in Names("F", 0, 1).SelectMany(names => GenSequence.Of(names.Select(_declarations.Faults)))
        from crossbarTexts in GenSequence.Of(crossbars.Select(_declarations.Crossbar))
        from systolicTexts in GenSequence.Of(systolics.Select(_declarations.Systolic))
        from declarations in Gen.Shuffle<string>((string[])[.. crossbarTexts, .. systolicTexts, .. networks.Select(n => n.Text), .. prunings.Select(p => p.Text), .. mappings, .. faults])
        from comments in Gen.Bool
        from crlf in Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true)))
        from split in ns == "" && declarations.Length > 1 ? Gen.Int[0, 3] : Gen.Const(0)
        from edits in XmapSyntaxNoise.Edits(0, _maxEdits)
        select Files(ns, declarations, comments, crlf, split, edits);

    private static IReadOnlyList<FuzzFile> Files(string ns, string[] declarations, bool comments, bool crlf, int split, Func<string, string> edits)
    {
        // split 1..3: the first `split` declarations go into a second file of the same (root) namespace.
        var parts = split == 0 ? [declarations] : new[] { declarations[Math.Min(split, declarations.Length - 1)..], declarations[..Math.Min(split, declarations.Length - 1)] };
        return [.. parts.Select((part, i) => new FuzzFile($"fuzz{i}.xmap", Render(i == 0 ? ns : "", part, comments, crlf, edits)))];
    }

    private static string Render(string ns, string[] declarations, bool comments, bool crlf, Func<string, string> edits)
    {
        var header = ns == "" ? "" : $"namespace {ns};\n\n";
        var separator = comments ? "\n\n// généré: «fuzz» ✓ { ; }\n" : "\n\n";
        var text = edits(header + string.Join(separator, declarations) + "\n");
        return crlf ? text.Replace("\r\n", "\n").Replace("\n", "\r\n") : text;
    }

    // count names of a kind: prefix + i, or (rarely) the kind's C# keyword or System type name.
    private static Gen<string[]> Names(string prefix, int min, int max) =>
        Gen.Int[min, max].SelectMany(count => GenSequence.Of(Enumerable.Range(0, count).Select(i =>
            i < 2 ? Gen.Frequency((8, Gen.Const(prefix + i)), (1, Gen.OneOf(SpecialNames[prefix].Where((_, k) => k % 2 == i).ToArray()))) : Gen.Const(prefix + i))))
        .Select(names => names.ToArray());

    private Gen<(string Name, int Network, string Text)[]> Prunings(IReadOnlyList<XmapNetworkSketch> networks) =>
        networks.Count == 0
            ? Gen.Const(Array.Empty<(string, int, string)>())
            : Names("P", 0, 2).SelectMany(names => GenSequence.Of(names.Select(name =>
                    Gen.Int[0, networks.Count - 1].SelectMany(n => _declarations.Pruning(name, networks[n]).Select(text => (name, n, text))))))
                .Select(list => list.ToArray());

    private Gen<string[]> Mappings(IReadOnlyList<XmapNetworkSketch> networks, (string Name, bool Systolic)[] targets, (string Name, int Network, string Text)[] prunings) =>
        networks.Count == 0 || targets.Length == 0
            ? Gen.Const(Array.Empty<string>())
            : Names("M", 0, 3).SelectMany(names => GenSequence.Of(names.Select(name =>
                    from n in Gen.Int[0, networks.Count - 1]
                    from t in Gen.Int[0, targets.Length - 1]
                    from pruning in Gen.OneOf<string?>([null, .. prunings.Where(p => p.Network == n).Select(p => p.Name)])
                    from text in _declarations.Mapping(name, networks[n].Name, targets[t], pruning)
                    select text)))
                .Select(list => list.ToArray());
}
