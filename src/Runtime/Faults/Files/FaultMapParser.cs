using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// Reads the content lines of a fault map file (between the magic and checksum lines) into a <see cref="FaultMap"/>
/// that fits the expected mapping, or throws at the first line that is wrong. Nothing is built until every line has
/// passed, so a bad file never yields a partial map.
/// </summary>
internal sealed class FaultMapParser
{
    private const string MappingForm = "mapping <name>";
    private const string SeedForm = "seed <number>";
    private const string RatesForm = "rates stuck-on <rate> stuck-off <rate> bit-flip <rate> pe <rate>";
    private const string ShapeForm = "shape <crossbar|systolic> <rows> x <columns>";
    private const string LayerForm = "layer <name> tiles <count> weights <count> bits <count>";
    private const string LayerWithBiasesForm = "layer <name> tiles <count> weights <count> bits <count> biases <count>";
    private const string CellForm = "cell <tile> <row> <column> <stuck-on|stuck-off>";
    private const string BitForm = "bit <weight> <bit>";
    private const string PeForm = "pe <row> <column>";

    private readonly MappingShape _expected;
    private readonly string? _path;
    private readonly SingleFaultCheck _check;
    private readonly List<LayerFaultsBuilder> _layers = [];
    private readonly Dictionary<PeAt, int> _peLines = [];
    private int? _mappingLine;
    private int? _seedLine;
    private int? _ratesLine;
    private int? _shapeLine;
    private ulong? _seed;
    private FaultRates? _rates;

    private FaultMapParser(MappingShape expected, string? path)
    {
        _expected = expected;
        _path = path;
        _check = new SingleFaultCheck(expected);
    }

    public static FaultMap Parse(IEnumerable<SourceLine> body, int checksumLine, MappingShape expected, string? path)
    {
        var parser = new FaultMapParser(expected, path);
        foreach (SourceLine line in body)
        {
            parser.Read(new LineFields(line, path));
        }

        return parser.Finish(checksumLine);
    }

    private void Read(LineFields fields)
    {
        switch (fields.Line.Keyword)
        {
            case FaultMapSyntax.Mapping: ReadMapping(fields); break;
            case FaultMapSyntax.Seed: ReadSeed(fields); break;
            case FaultMapSyntax.Rates: ReadRates(fields); break;
            case FaultMapSyntax.Shape: ReadShape(fields); break;
            case FaultMapSyntax.Layer: ReadLayer(fields); break;
            case FaultMapSyntax.Cell: ReadCell(fields); break;
            case FaultMapSyntax.Bit: ReadBit(fields); break;
            case FaultMapSyntax.Pe: ReadPe(fields); break;
            default:
                throw fields.Error(
                    $"unknown keyword '{fields.Line.Keyword}': a line starts with mapping, seed, rates, shape, layer, cell, bit, pe or checksum (or # for a comment).");
        }
    }

    private void ReadMapping(LineFields fields)
    {
        HeaderLine(fields, ref _mappingLine);
        fields.ExpectForm(MappingForm);
        if (fields[1] != _expected.Mapping)
        {
            throw fields.Error($"mapping name mismatch: the file is for mapping '{fields[1]}', but mapping '{_expected.Mapping}' was expected.");
        }
    }

    private void ReadSeed(LineFields fields)
    {
        HeaderLine(fields, ref _seedLine);
        fields.ExpectForm(SeedForm);
        _seed = fields.Seed(1);
    }

    private void ReadRates(LineFields fields)
    {
        HeaderLine(fields, ref _ratesLine);
        fields.ExpectForm(RatesForm);
        try
        {
            _rates = new FaultRates(
                fields.Rate(2, FaultMapSyntax.StuckOnRate),
                fields.Rate(4, FaultMapSyntax.StuckOffRate),
                fields.Rate(6, FaultMapSyntax.BitFlipRate),
                fields.Rate(8, FaultMapSyntax.PeRate));
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            throw fields.Error($"invalid rates: {invalid.Message}");
        }
    }

    private void ReadShape(LineFields fields)
    {
        HeaderLine(fields, ref _shapeLine);
        fields.ExpectForm(ShapeForm);
        if (fields[1] is not (FaultMapSyntax.Crossbar or FaultMapSyntax.Systolic))
        {
            throw fields.Error($"unknown array kind '{fields[1]}': expected '{FaultMapSyntax.Crossbar}' or '{FaultMapSyntax.Systolic}'.");
        }

        int rows = fields.Count(2, "rows");
        int columns = fields.Count(4, "columns");
        if (fields[1] != FaultMapSyntax.ArrayKind(_expected.IsSystolic) || rows != _expected.TileRows || columns != _expected.TileColumns)
        {
            throw fields.Error(
                $"shape mismatch: the file is for a {fields[1]} {rows} x {columns}, but mapping '{_expected.Mapping}' uses a "
                + $"{FaultMapSyntax.ArrayKind(_expected.IsSystolic)} {_expected.TileRows} x {_expected.TileColumns}.");
        }
    }

    private void ReadLayer(LineFields fields)
    {
        RequireHeader(fields);
        if (_peLines.Count > 0)
        {
            throw fields.Error($"layer lines must come before the pe lines (the first pe line is at line {_peLines.Values.Min()}).");
        }

        int index = _layers.Count;
        bool biases = index < _expected.Layers.Count && _expected.Layers[index].BiasCount > 0;
        fields.ExpectForm(biases ? LayerWithBiasesForm : LayerForm);
        if (index >= _expected.Layers.Count)
        {
            throw fields.Error($"layer '{fields[1]}' is one too many: mapping '{_expected.Mapping}' has {_expected.Layers.Count} layers ({LayerList()}).");
        }

        LayerShape expected = _expected.Layers[index];
        if (fields[1] != expected.Layer)
        {
            throw fields.Error($"layer {index + 1} is '{fields[1]}' here, but '{expected.Layer}' in mapping '{_expected.Mapping}' (layers in order: {LayerList()}).");
        }

        CheckLayerCount(fields, 3, "tiles", expected.TileCount);
        CheckLayerCount(fields, 5, "weights", expected.WeightCount);
        CheckLayerCount(fields, 7, "bits", expected.Bits);
        if (biases)
        {
            CheckLayerCount(fields, 9, "biases", expected.BiasCount);
        }

        _layers.Add(new LayerFaultsBuilder(expected.Layer));
    }

    private void CheckLayerCount(LineFields fields, int index, string what, int expected)
    {
        int found = fields.Count(index, $"{what} of layer '{fields[1]}'");
        if (found != expected)
        {
            throw fields.Error($"layer '{fields[1]}' has {what} {found} here, but {what} {expected} in mapping '{_expected.Mapping}'.");
        }
    }

    private void ReadCell(LineFields fields)
    {
        LayerFaultsBuilder layer = CurrentLayer(fields);
        fields.ExpectForm(CellForm);
        CellFault fault = fields[4] switch
        {
            FaultMapSyntax.StuckOn => CellFault.StuckOn,
            FaultMapSyntax.StuckOff => CellFault.StuckOff,
            _ => throw fields.Error($"unknown fault kind '{fields[4]}': a cell is '{FaultMapSyntax.StuckOn}' or '{FaultMapSyntax.StuckOff}'."),
        };
        var cell = new CellFaultAt(fields.Count(1, "tile"), fields.Count(2, "row"), fields.Count(3, "column"), fault);
        Fits(fields, _check.Cell(_layers.Count - 1, cell));
        layer.AddCell(cell, fields);
    }

    private void ReadBit(LineFields fields)
    {
        LayerFaultsBuilder layer = CurrentLayer(fields);
        fields.ExpectForm(BitForm);
        var flip = new BitFlipAt(fields.Count(1, "weight"), fields.Count(2, "bit"));
        Fits(fields, _check.BitFlip(_layers.Count - 1, flip));
        layer.AddBitFlip(flip, fields);
    }

    private void ReadPe(LineFields fields)
    {
        RequireHeader(fields);
        fields.ExpectForm(PeForm);
        RequireAllLayers(fields);
        var pe = new PeAt(fields.Count(1, "row"), fields.Count(2, "column"));
        Fits(fields, _check.Pe(pe));
        if (!_peLines.TryAdd(pe, fields.Line.Number))
        {
            throw fields.Error($"the PE at row {pe.Row}, column {pe.Column} is listed twice (first at line {_peLines[pe]}).");
        }
    }

    private FaultMap Finish(int checksumLine)
    {
        var end = new LineFields(new SourceLine(checksumLine, [FaultMapSyntax.Checksum]), _path);
        RequireHeader(end);
        RequireAllLayers(end);
        var map = new FaultMap(
            _expected.Mapping,
            _seed,
            _rates,
            Array.AsReadOnly(_layers.Select(layer => layer.Build()).ToArray()),
            FaultOrder.Pes(_peLines.Keys).ToList());

        // Every fault was checked on its own line; this whole-map check is the same rule once more, as a safety net.
        if (!map.Matches(_expected, out string problem))
        {
            throw end.Error($"the fault map does not fit mapping '{_expected.Mapping}': {problem}");
        }

        return map;
    }

    private void HeaderLine(LineFields fields, ref int? seenAt)
    {
        if (seenAt is int first)
        {
            throw fields.Error($"a second '{fields.Line.Keyword}' line; the first is at line {first}.");
        }

        if (_layers.Count > 0 || _peLines.Count > 0)
        {
            throw fields.Error($"'{fields.Line.Keyword}' belongs to the header, before the first layer line.");
        }

        seenAt = fields.Line.Number;
    }

    private void RequireHeader(LineFields fields)
    {
        if (_mappingLine is null)
        {
            throw fields.Error($"the header has no '{MappingForm}' line; it must come before the first '{fields.Line.Keyword}' line.");
        }

        if (_shapeLine is null)
        {
            throw fields.Error($"the header has no '{ShapeForm}' line; it must come before the first '{fields.Line.Keyword}' line.");
        }
    }

    private void RequireAllLayers(LineFields fields)
    {
        if (_layers.Count < _expected.Layers.Count)
        {
            string missing = string.Join(", ", _expected.Layers.Skip(_layers.Count).Select(layer => layer.Layer));
            throw fields.Error(
                $"layer count mismatch: the file lists {_layers.Count} of the {_expected.Layers.Count} layers of mapping '{_expected.Mapping}' "
                + $"before its {(fields.Line.Keyword == FaultMapSyntax.Pe ? "pe lines" : "checksum line")}; missing: {missing}.");
        }
    }

    private LayerFaultsBuilder CurrentLayer(LineFields fields)
    {
        if (_peLines.Count > 0)
        {
            throw fields.Error($"a '{fields.Line.Keyword}' line after the pe lines: cell and bit lines belong to a layer, and layers come before the pe lines.");
        }

        if (_layers.Count == 0)
        {
            throw fields.Error($"a '{fields.Line.Keyword}' line before the first layer line: every cell and bit line belongs to the layer line above it.");
        }

        return _layers[^1];
    }

    private static void Fits(LineFields fields, string? problem)
    {
        if (problem is not null)
        {
            throw fields.Error(problem);
        }
    }

    private string LayerList() => string.Join(", ", _expected.Layers.Select(layer => layer.Layer));
}
