using System.Globalization;
using System.Text;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// Renders a fault map as format version 1 text. The text depends only on the map and the shape: invariant culture,
/// <c>\n</c> line ends and every list sorted, so the same map always gives the same bytes.
/// </summary>
internal static class FaultMapWriter
{
    public static string Write(FaultMap map, MappingShape shape)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"{FaultMapSyntax.MagicLine}");
        Line($"{FaultMapSyntax.Comment} MapDsl fault map, format version {FaultMapSyntax.Version} (docs/fault-map-format.md)");
        Line($"{FaultMapSyntax.Mapping} {shape.Mapping}");
        if (map.Seed is { } seed)
        {
            Line($"{FaultMapSyntax.Seed} {seed}");
        }

        if (map.Rates is { } rates)
        {
            // "R" keeps every rate exactly, so a loaded map has the same FaultRates as the saved one.
            Line($"{FaultMapSyntax.Rates} {FaultMapSyntax.StuckOnRate} {rates.StuckOn:R} {FaultMapSyntax.StuckOffRate} {rates.StuckOff:R} {FaultMapSyntax.BitFlipRate} {rates.BitFlip:R} {FaultMapSyntax.PeRate} {rates.Pe:R}");
        }

        Line($"{FaultMapSyntax.Shape} {FaultMapSyntax.ArrayKind(shape.IsSystolic)} {shape.TileRows} {FaultMapSyntax.By} {shape.TileColumns}");
        for (int i = 0; i < shape.Layers.Count; i++)
        {
            LayerShape layer = shape.Layers[i];
            // The biases pair only when the layer stores bias codes, so files of other mappings keep their bytes.
            if (layer.BiasCount > 0)
            {
                Line($"{FaultMapSyntax.Layer} {layer.Layer} {FaultMapSyntax.Tiles} {layer.TileCount} {FaultMapSyntax.Weights} {layer.WeightCount} {FaultMapSyntax.Bits} {layer.Bits} {FaultMapSyntax.Biases} {layer.BiasCount}");
            }
            else
            {
                Line($"{FaultMapSyntax.Layer} {layer.Layer} {FaultMapSyntax.Tiles} {layer.TileCount} {FaultMapSyntax.Weights} {layer.WeightCount} {FaultMapSyntax.Bits} {layer.Bits}");
            }
            foreach (CellFaultAt cell in FaultOrder.Cells(map.Layers[i].Cells))
            {
                Line($"{FaultMapSyntax.Cell} {cell.Tile} {cell.Row} {cell.Column} {FaultMapSyntax.KindName(cell.Fault)}");
            }

            foreach (BitFlipAt flip in FaultOrder.BitFlips(map.Layers[i].BitFlips))
            {
                Line($"{FaultMapSyntax.Bit} {flip.Weight} {flip.Bit}");
            }
        }

        foreach (PeAt pe in FaultOrder.Pes(map.BypassedPes))
        {
            Line($"{FaultMapSyntax.Pe} {pe.Row} {pe.Column}");
        }

        string content = text.ToString();
        return content + $"{FaultMapSyntax.Checksum} {FaultMapSyntax.Sha256} {FaultMapChecksum.Of(content)}\n";
    }
}
