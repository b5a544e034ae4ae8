namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// Checks one fault against the expected mapping with <see cref="FaultMap.Matches"/>, on a map holding just that
/// fault and a shape holding just its layer. Reusing Matches means a file is held to exactly the rules (and words)
/// that <c>Inject</c> applies, while checking fault by fault lets the error name the offending line.
/// </summary>
internal sealed class SingleFaultCheck
{
    private readonly MappingShape _expected;
    private readonly MappingShape[] _oneLayer;
    private readonly MappingShape _noLayers;

    public SingleFaultCheck(MappingShape expected)
    {
        _expected = expected;
        _oneLayer = expected.Layers
            .Select(layer => new MappingShape(expected.Mapping, expected.TileRows, expected.TileColumns, expected.IsSystolic, [layer]))
            .ToArray();
        _noLayers = new MappingShape(expected.Mapping, expected.TileRows, expected.TileColumns, expected.IsSystolic, []);
    }

    public string? Cell(int layer, CellFaultAt cell) =>
        Problem(new FaultMap(_expected.Mapping, null, null, [new LayerFaults(_expected.Layers[layer].Layer, [cell], [])], []), _oneLayer[layer]);

    public string? BitFlip(int layer, BitFlipAt flip) =>
        Problem(new FaultMap(_expected.Mapping, null, null, [new LayerFaults(_expected.Layers[layer].Layer, [], [flip])], []), _oneLayer[layer]);

    public string? Pe(PeAt pe) =>
        Problem(new FaultMap(_expected.Mapping, null, null, [], [pe]), _noLayers);

    private static string? Problem(FaultMap single, MappingShape shape) => single.Matches(shape, out string problem) ? null : problem;
}
