using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;
using Test.Evaluation;

namespace MapDsl.Generated.Tests.Evaluation;

/// <summary>
/// The mappings of Xmap/evaluation.xmap behind one shape, so each test runs on every crossbar scheme: two-column,
/// differential, offset and quantized offset, all on 16 x 15 tiles with partial tiles and idle cells (and the two
/// pair schemes on 16 x 16 tiles: TwoColE, DiffE).
/// </summary>
public sealed record EvaluationMapping(
    string Name,
    Func<Two.Weights, object> Map,
    Func<object, Two.Weights> ReadBack,
    Func<object, FaultMap, object> Inject,
    Func<object, IReadOnlyList<MappedLayer>> Layers,
    Func<FaultRates, ulong, FaultMap> Sample)
{
    public static EvaluationMapping Of(string name) => name switch
    {
        "TwoCol" => new(name, w => TwoCol.Map(w), s => TwoCol.ReadBack((TwoCol.State)s), (s, m) => { TwoCol.Inject((TwoCol.State)s, m); return s; }, s => ((TwoCol.State)s).MappedLayers, TwoCol.SampleFaults),
        "Diff" => new(name, w => Diff.Map(w), s => Diff.ReadBack((Diff.State)s), (s, m) => { Diff.Inject((Diff.State)s, m); return s; }, s => ((Diff.State)s).MappedLayers, Diff.SampleFaults),
        "TwoColE" => new(name, w => TwoColE.Map(w), s => TwoColE.ReadBack((TwoColE.State)s), (s, m) => { TwoColE.Inject((TwoColE.State)s, m); return s; }, s => ((TwoColE.State)s).MappedLayers, TwoColE.SampleFaults),
        "DiffE" => new(name, w => DiffE.Map(w), s => DiffE.ReadBack((DiffE.State)s), (s, m) => { DiffE.Inject((DiffE.State)s, m); return s; }, s => ((DiffE.State)s).MappedLayers, DiffE.SampleFaults),
        "Off" => new(name, w => Off.Map(w), s => Off.ReadBack((Off.State)s), (s, m) => { Off.Inject((Off.State)s, m); return s; }, s => ((Off.State)s).MappedLayers, Off.SampleFaults),
        "OffQ" => new(name, w => OffQ.Map(w), s => OffQ.ReadBack((OffQ.State)s), (s, m) => { OffQ.Inject((OffQ.State)s, m); return s; }, s => ((OffQ.State)s).MappedLayers, OffQ.SampleFaults),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a mapping of evaluation.xmap"),
    };

    /// <summary>Seeded weights in [-0.5, 0.5), with a few exact zeros (both pair cells idle) and one large weight.</summary>
    public static Two.Weights RandomWeights(int seed)
    {
        var random = new Random(seed);
        float[] Layer(int n) => [.. Enumerable.Range(0, n).Select(i => i % 11 == 0 ? 0f : (float)(random.NextDouble() - 0.5))];
        var weights = new Two.Weights(Layer(Two.A.WeightCount), Layer(Two.A.BiasCount), Layer(Two.B.WeightCount), Layer(Two.B.BiasCount));
        weights.A[7] = 2f;
        return weights;
    }
}
