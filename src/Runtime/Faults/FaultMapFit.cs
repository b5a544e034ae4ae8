using System.Runtime.InteropServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults;

/// <summary>Finds the first way a fault map does not fit a mapping shape, phrased for a person reading an exception.</summary>
internal static class FaultMapFit
{
    public static string? FirstProblem(FaultMap map, MappingShape shape)
    {
        // First, because two mappings of one network with the same scheme and target have equal shapes: a map of the
        // other one would fit cell for cell and silently put another chip's faults (or none of this chip's) in place.
        if (map.Mapping != shape.Mapping)
        {
            return $"the fault map was made for mapping '{map.Mapping}', not '{shape.Mapping}'. "
                + $"To put the same chip under '{shape.Mapping}', sample its own map with the same chip seed (equal shapes give equal faults).";
        }

        if (map.Layers.Count != shape.Layers.Count)
        {
            return $"the fault map has {map.Layers.Count} layers but the mapping has {shape.Layers.Count} ({string.Join(", ", shape.Layers.Select(l => l.Layer))}).";
        }

        for (int i = 0; i < shape.Layers.Count; i++)
        {
            if (map.Layers[i].Layer != shape.Layers[i].Layer)
            {
                return $"layer {i} is '{map.Layers[i].Layer}' in the fault map but '{shape.Layers[i].Layer}' in the mapping.";
            }
        }

        for (int i = 0; i < shape.Layers.Count; i++)
        {
            string? problem = CellProblem(map.Layers[i], shape.Layers[i], shape) ?? BitProblem(map.Layers[i], shape.Layers[i]);
            if (problem is not null)
            {
                return problem;
            }
        }

        return PeProblem(map, shape);
    }

    private static string? CellProblem(LayerFaults faults, LayerShape layer, MappingShape shape)
    {
        if (faults.Cells.Count > 0 && shape.IsSystolic)
        {
            return $"layer '{layer.Layer}' has {faults.Cells.Count} stuck cells, but the mapping is systolic (it has PEs, not crossbar cells).";
        }

        foreach (ref readonly var cell in CollectionsMarshal.AsSpan(faults.Cells))
        {

            if ((uint)cell.Tile >= (uint)layer.TileCount)
            {
                return $"{CellAt(layer, cell)} is outside the layer's {layer.TileCount} tiles ({Valid(layer.TileCount)}).";
            }

            if ((uint)cell.Row >= (uint)shape.TileRows)
            {
                return $"{CellAt(layer, cell)} is outside the tile's {shape.TileRows} rows ({Valid(shape.TileRows)}).";
            }

            if ((uint)cell.Column >= (uint)shape.TileColumns)
            {
                return $"{CellAt(layer, cell)} is outside the tile's {shape.TileColumns} columns ({Valid(shape.TileColumns)}).";
            }

            if (cell.Fault is not (CellFault.StuckOn or CellFault.StuckOff))
            {
                return $"{CellAt(layer, cell)} has fault '{cell.Fault}'; a fault map lists only StuckOn and StuckOff cells.";
            }
        }

        return null;
    }

    private static string? BitProblem(LayerFaults faults, LayerShape layer)
    {
        foreach (var flip in faults.BitFlips)
        {

            if ((uint)flip.Weight >= (uint)layer.CodeCount)
            {
                return layer.BiasCount == 0
                    ? $"{BitAt(layer, flip)} is outside the layer's {layer.WeightCount} weights ({Valid(layer.WeightCount)})."
                    : $"{BitAt(layer, flip)} is outside the layer's {layer.CodeCount} codes ({layer.WeightCount} weights, then {layer.BiasCount} biases; {Valid(layer.CodeCount)}).";
            }

            if (layer.Bits == 0)
            {
                return $"{BitAt(layer, flip)} cannot exist: the layer's weights are not quantized, so there are no stored bits to flip.";
            }

            if ((uint)flip.Bit >= (uint)layer.Bits)
            {
                return $"{BitAt(layer, flip)} is outside its {layer.Bits}-bit code (valid bits: 0..{layer.Bits - 1}, 0 = least significant).";
            }
        }

        return null;
    }

    private static string? PeProblem(FaultMap map, MappingShape shape)
    {
        if (map.BypassedPes.Count > 0 && !shape.IsSystolic)
        {
            return $"the fault map bypasses {map.BypassedPes.Count} PEs, but the mapping is a crossbar mapping (it has no systolic array).";
        }

        foreach (var pe in map.BypassedPes)
        {

            if ((uint)pe.Row >= (uint)shape.TileRows)
            {
                return $"{PeText(pe)} is outside the {shape.TileRows} x {shape.TileColumns} systolic array's rows ({Valid(shape.TileRows)}).";
            }

            if ((uint)pe.Column >= (uint)shape.TileColumns)
            {
                return $"{PeText(pe)} is outside the {shape.TileRows} x {shape.TileColumns} systolic array's columns ({Valid(shape.TileColumns)}).";
            }
        }

        return null;
    }

    // Messages are built only for a problem: the checks run once per fault of every injected map.
    private static string CellAt(LayerShape layer, CellFaultAt cell) =>
        $"layer '{layer.Layer}': the stuck cell at tile {cell.Tile}, row {cell.Row}, column {cell.Column}";

    private static string BitAt(LayerShape layer, BitFlipAt flip) => $"layer '{layer.Layer}': the flipped bit {flip.Bit} of weight {flip.Weight}";

    private static string PeText(PeAt pe) => $"the bypassed PE at row {pe.Row}, column {pe.Column}";

    private static string Valid(int count) => count == 0 ? "there are none" : $"valid: 0..{count - 1}";
}
