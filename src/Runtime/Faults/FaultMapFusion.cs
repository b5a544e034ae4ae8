namespace MapDsl.Runtime.Faults;

/// <summary>
/// The fused fault map of a group of chips of one mapping: a fault wherever any member has one, so that a network
/// trained on the fused map has learnt around every member's faults (eFAT's fusion of fault maps). Bypassed PEs and
/// flipped bits are the union of the members'; a cell is stuck wherever a member has it stuck.
/// </summary>
public static class FaultMapFusion
{
    /// <summary>The union of <paramref name="members"/>: their mapping, their layers, every fault of any of them, sorted.</summary>
    /// <param name="members">At least one map, all of the same mapping with the same layers.</param>
    /// <returns>The fused map; it has no seed and no rates (it was not sampled).</returns>
    /// <exception cref="ArgumentException">
    /// No member; members of different mappings or layers; or a cell stuck-on in one member and stuck-off in another
    /// (a cell has one state, so no chip could have both).
    /// </exception>
    public static FaultMap Union(IReadOnlyList<FaultMap> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A fused map needs at least one member.", nameof(members));
        }

        var first = members[0];
        foreach (var member in members)
        {
            if (member.Mapping != first.Mapping || !member.Layers.Select(l => l.Layer).SequenceEqual(first.Layers.Select(l => l.Layer)))
            {
                throw new ArgumentException(
                    $"Only maps of one mapping fuse: '{member.Mapping}' ({string.Join(", ", member.Layers.Select(l => l.Layer))}) is not '{first.Mapping}' ({string.Join(", ", first.Layers.Select(l => l.Layer))}).",
                    nameof(members));
            }
        }

        var layers = new List<LayerFaults>(first.Layers.Count);
        for (int i = 0; i < first.Layers.Count; i++)
        {
            layers.Add(new LayerFaults(first.Layers[i].Layer, Cells(members, i), [.. members.SelectMany(m => m.Layers[i].BitFlips).Distinct().OrderBy(f => f.Weight).ThenBy(f => f.Bit)]));
        }

        List<PeAt> pes = [.. members.SelectMany(m => m.BypassedPes).Distinct().OrderBy(pe => pe.Row).ThenBy(pe => pe.Column)];
        return new FaultMap(first.Mapping, null, null, layers, pes);
    }

    private static List<CellFaultAt> Cells(IReadOnlyList<FaultMap> members, int layer)
    {
        var byPosition = new Dictionary<(int Tile, int Row, int Column), CellFaultAt>();
        foreach (var cell in members.SelectMany(m => m.Layers[layer].Cells))
        {
            var at = (cell.Tile, cell.Row, cell.Column);
            if (byPosition.TryGetValue(at, out var seen) && seen.Fault != cell.Fault)
            {
                throw new ArgumentException(
                    $"Layer '{members[0].Layers[layer].Layer}', tile {cell.Tile}, cell ({cell.Row}, {cell.Column}) is {seen.Fault} in one member and {cell.Fault} in another: a fused map cannot hold both.",
                    nameof(members));
            }

            byPosition[at] = cell;
        }

        return [.. byPosition.Values.OrderBy(c => c.Tile).ThenBy(c => c.Row).ThenBy(c => c.Column)];
    }
}
