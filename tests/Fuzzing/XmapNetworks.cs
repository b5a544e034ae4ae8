using System.Collections.Immutable;
using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// Random <c>network</c> declarations of version 1 and 2 (conv, dense, relu, pools, flatten,
/// batchnorm, global-avgpool, dropout, residual blocks with and without shortcut). The shape is
/// tracked layer by layer so that, without noise, every layer fits its input and every block's body
/// gives back its shortcut's shape: such networks bind, and their generated code must compile.
/// Sizes stay small (at most 8 channels, 16 x 16 images) to keep generated weights small.
/// </summary>
internal sealed class XmapNetworks(XmapValues values)
{
    // Layer names that are C# keywords: the generated members and parameters must escape them.
    // nameof too: generated argument checks once used nameof(), which a parameter of that name captures.
    private static readonly string[] KeywordNames = ["out", "in", "base", "params", "nameof", "ref", "record"];

    public Gen<XmapNetworkSketch> Network(string name) =>
        from input in Input
        from inputText in values.Noisy(Gen.Const(input.ToString()), Gen.OneOf("28 x 28", "1 x 2 x 3 x 4", "0", "1 x 0 x 4", "16777217"))
        from count in Gen.Int[0, 7]
        from layers in Layers(input, 0, count)
        from nameText in values.Name(name)
        select Render(name, nameText, inputText, layers);

    private static Gen<XmapTensor> Input { get; } = Gen.Frequency(
        (3, Gen.Select(Gen.Int[1, 3], Gen.Int[1, 16], Gen.Int[1, 16]).Select((c, h, w) => new XmapTensor(c, h, w))),
        (1, Gen.Int[1, 64].Select(XmapTensor.Vector)));

    private static XmapNetworkSketch Render(string name, string nameText, string input, ImmutableList<XmapLayerSketch> layers)
    {
        var lines = new List<string> { $"network {nameText} {{", $"    input {input};" };
        lines.AddRange(layers.SelectMany(layer => layer.Lines).Select(line => "    " + line));
        lines.Add("}");
        return new XmapNetworkSketch(name, string.Join("\n", lines), [.. layers.SelectMany(layer => layer.Weighted)]);
    }

    // The layers after `shape`, numbered from `index`; the last is usually dense so that the network has weights.
    private Gen<ImmutableList<XmapLayerSketch>> Layers(XmapTensor shape, int index, int remaining) =>
        remaining == 0
            ? Gen.Frequency((4, Dense(index, shape).Select(ImmutableList.Create)), (1, Gen.Const(ImmutableList<XmapLayerSketch>.Empty)))
            : Layer(shape, index).SelectMany(layer => Layers(layer.Output, index + 1, remaining - 1).Select(rest => rest.Insert(0, layer)));

    private Gen<XmapLayerSketch> Layer(XmapTensor shape, int index)
    {
        var choices = new List<(int, IGen<XmapLayerSketch>)>
        {
            (2, Dense(index, shape)),
            (3, Same(shape, "relu")),
            (1, Same(shape, "flatten").Select(l => l with { Output = XmapTensor.Vector(shape.Length) })),
            (2, Name("bn", index).SelectMany(name => Same(shape, $"batchnorm {name}"))),
            (1, values.Sparsity.SelectMany(rate => Same(shape, $"dropout {rate}"))),
            (2, Residual(shape, index)),
        };
        if (!shape.IsVector)
        {
            choices.Add((4, Conv(shape, index, "c")));
            choices.Add((2, Pool(shape)));
            choices.Add((1, Same(shape, "global-avgpool").Select(l => l with { Output = XmapTensor.Vector(shape.Channels) })));
        }

        return Gen.Frequency([.. choices]);
    }

    private Gen<XmapLayerSketch> Same(XmapTensor shape, string statement) =>
        Gen.Const(new XmapLayerSketch([statement + ";"], shape, []));

    private Gen<XmapLayerSketch> Dense(int index, XmapTensor shape, int? outputs = null, string prefix = "d", string qualifier = "") =>
        from name in Name(prefix, index)
        from count in outputs is { } fixedCount ? Gen.Const(fixedCount) : Gen.Int[1, 32]
        from countText in values.Number(count)
        select new XmapLayerSketch([$"dense {name} {countText};"], XmapTensor.Vector(count), [new XmapWeightedLayer(qualifier + name, 0, 0)]);

    private Gen<XmapLayerSketch> Conv(XmapTensor shape, int index, string prefix, string qualifier = "") =>
        from name in Name(prefix, index)
        from outputs in Gen.Int[1, 8]
        from kh in Gen.Int[1, Math.Min(3, shape.Height)]
        from kw in Gen.Int[1, Math.Min(3, shape.Width)]
        from stride in Gen.Int[1, 2]
        from pad in Gen.Int[0, 2]
        select ConvSketch(name, qualifier, outputs, shape, (kh, kw), stride, pad, (stride + pad) % 3) into sketch
        from text in Spell(sketch)
        select sketch with { Lines = [text] };

    // Options are written in any order, defaults sometimes spelled out, sometimes left out.
    private static XmapLayerSketch ConvSketch(string name, string qualifier, int outputs, XmapTensor shape, (int H, int W) kernel, int stride, int pad, int style)
    {
        var height = (shape.Height + 2 * pad - kernel.H) / stride + 1;
        var width = (shape.Width + 2 * pad - kernel.W) / stride + 1;
        var kernelText = kernel.H == kernel.W && style == 0 ? XmapValues.Text(kernel.H) : $"{kernel.H}x{kernel.W}";
        var options = style switch
        {
            0 => (stride == 1 ? "" : $" stride {stride}") + (pad == 0 ? "" : $" pad {pad}"),
            1 => $" pad {pad} stride {stride}",
            _ => $" stride {stride} pad {pad}",
        };
        return new XmapLayerSketch([$"conv {name} {outputs} kernel {kernelText}{options};"], new XmapTensor(outputs, height, width), [new XmapWeightedLayer(qualifier + name, kernel.H, kernel.W)]);
    }

    // Noise on a conv statement replaces one of its numbers by a broken one.
    private Gen<string> Spell(XmapLayerSketch conv) =>
        values.Noisy(
            Gen.Const(conv.Lines[0]),
            Gen.OneOf(
                Gen.Const(conv.Lines[0].Replace(" kernel ", " kernel 99 x ")),
                Gen.Const(conv.Lines[0].Replace(";", " stride 0;")),
                Gen.Const(conv.Lines[0].Replace(";", " pad 1 pad 1;")),
                Gen.Const(conv.Lines[0].Replace(" kernel", "")),
                Gen.Const(conv.Lines[0].Replace("kernel", "kernel 3 x 3 x"))));

    private Gen<XmapLayerSketch> Pool(XmapTensor shape) =>
        from kind in Gen.OneOf("maxpool", "avgpool")
        from kh in Gen.Int[1, Math.Min(3, shape.Height)]
        from kw in Gen.Int[1, Math.Min(3, shape.Width)]
        from stride in Gen.Int[0, 2] // 0: no stride statement, the window steps by itself
        from window in values.Noisy(Gen.Const($"{kh}x{kw}"), Gen.OneOf("0x2", "2x2x2", "99x99", "2.5x2"))
        select new XmapLayerSketch(
            [$"{kind} {window}{(stride == 0 ? "" : $" stride {stride}")};"],
            new XmapTensor(shape.Channels, (shape.Height - kh) / (stride == 0 ? kh : stride) + 1, (shape.Width - kw) / (stride == 0 ? kw : stride) + 1),
            []);

    // A residual block: an identity block whose body keeps the shape, or (images) a projection
    // block whose body and shortcut both halve the resolution. The shortcut may come first or last.
    private Gen<XmapLayerSketch> Residual(XmapTensor shape, int index) =>
        from block in Name("r", index)
        from projection in shape.IsVector ? Gen.Const(false) : Gen.Bool
        from body in projection ? ProjectionBody(shape, block) : IdentityBody(shape, block)
        from shortcutFirst in Gen.Bool
        select RenderBlock(block, body, shortcutFirst);

    private Gen<(XmapLayerSketch[] Body, XmapLayerSketch[] Shortcut)> IdentityBody(XmapTensor shape, string block)
    {
        var keep = shape.IsVector
            ? Dense(0, shape, shape.Channels, "a", block + ".")
            : Gen.Const(ConvSketch("a", block + ".", shape.Channels, shape, (3, 3), 1, 1, 0));
        var extras = Gen.OneOf(Same(shape, "relu"), Same(shape, "batchnorm a_bn"), values.Sparsity.SelectMany(rate => Same(shape, $"dropout {rate}")));
        return Gen.Select(keep, extras.Array[0, 2], Gen.Bool)
            .Select((first, rest, shortcut) => (
                (XmapLayerSketch[])[first, .. rest.DistinctBy(l => l.Lines[0])],
                shortcut ? [shape.IsVector ? DenseSketch("s", block, shape.Channels) : ConvSketch("s", block + ".", shape.Channels, shape, (1, 1), 1, 0, 0)] : Array.Empty<XmapLayerSketch>()));
    }

    private static XmapLayerSketch DenseSketch(string name, string block, int outputs) =>
        new([$"dense {name} {outputs};"], XmapTensor.Vector(outputs), [new XmapWeightedLayer($"{block}.{name}", 0, 0)]);

    private static Gen<(XmapLayerSketch[] Body, XmapLayerSketch[] Shortcut)> ProjectionBody(XmapTensor shape, string block) =>
        Gen.Select(Gen.Int[1, 8], Gen.Bool).Select((outputs, norm) => (
            norm
                ? new[] { ConvSketch("a", block + ".", outputs, shape, (3, 3), 2, 1, 0), new XmapLayerSketch(["batchnorm a_bn;"], default, []) }
                : [ConvSketch("a", block + ".", outputs, shape, (3, 3), 2, 1, 0)],
            new[] { ConvSketch("s", block + ".", outputs, shape, (1, 1), 2, 0, 0) }));

    private static XmapLayerSketch RenderBlock(string block, (XmapLayerSketch[] Body, XmapLayerSketch[] Shortcut) parts, bool shortcutFirst)
    {
        var body = parts.Body.SelectMany(l => l.Lines).Select(line => "    " + line).ToList();
        var shortcut = parts.Shortcut.Length == 0
            ? []
            : (List<string>)["    shortcut {", .. parts.Shortcut.SelectMany(l => l.Lines).Select(line => "        " + line), "    }"];
        var lines = new List<string> { $"residual {block} {{" };
        lines.AddRange(shortcutFirst ? shortcut.Concat(body) : body.Concat(shortcut));
        lines.Add("}");
        return new XmapLayerSketch(lines, parts.Body[0].Output, [.. parts.Body.Concat(parts.Shortcut).SelectMany(l => l.Weighted)]);
    }

    // Mostly prefix + index; the first few layers sometimes take a C# keyword as their name.
    private static Gen<string> Name(string prefix, int index) =>
        index < KeywordNames.Length
            ? Gen.Frequency((6, Gen.Const(prefix + index)), (1, Gen.Const(KeywordNames[index])))
            : Gen.Const(prefix + index);
}
