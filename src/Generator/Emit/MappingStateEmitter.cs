using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The <c>State</c> class of a mapping: one chip's tiles per layer (conductances, or PE
    /// weights on a systolic array) plus what stays digital: biases and each layer's w_max.
    /// </summary>
    internal static class MappingStateEmitter
    {
        private const string MappedLayer = "global::MapDsl.Runtime.Evaluation.MappedLayer";

        public static void Write(SourceWriter w, MappingModel mapping)
        {
            var isCrossbar = mapping.Crossbar is not null;
            var tile = isCrossbar ? "global::MapDsl.Runtime.Tiles.CrossbarTile" : "global::MapDsl.Runtime.Tiles.SystolicTile";
            w.Summary($"One chip programmed with {mapping.Name}: the {(isCrossbar ? "conductances of every crossbar tile" : "weights stationed on the PEs of every tile")}\n"
                      + "and the digital parts (biases, each layer's w_max). Faults belong to the tiles, so they survive re-programming.");
            var interfaces = MappingContractEmitter.ChipInterface(mapping) + (mapping.IsQuantized ? ", " + ContractNames.QuantizedChip : "");
            using (w.Block($"public sealed class State : {interfaces}"))
            {
                w.Summary("A chip with no faults and nothing programmed yet; call Map to program it.");
                using (w.Block("public State()"))
                {
                    if (!isCrossbar)
                    {
                        w.Line("PeFaults = new global::MapDsl.Runtime.Tiles.PeFaultMap(Target);");
                    }

                    foreach (var layer in mapping.Layers)
                    {
                        var member = layer.Layer.MemberName;
                        w.Line($"{member} = new {tile}[{Literal.Of(layer.Plan.TileCount)}];");
                        using (w.Block($"for (var i = 0; i < {member}.Length; i++)"))
                        {
                            w.Line(isCrossbar ? $"{member}[i] = new {tile}(Target);" : $"{member}[i] = new {tile}(Target, PeFaults);");
                        }
                    }

                    if (isCrossbar)
                    {
                        WriteMappedLayers(w, mapping);
                    }
                }

                if (!isCrossbar)
                {
                    w.Line();
                    w.Summary("The faulty (bypassed) PEs of this chip's array, shared by every tile: weight (i, j) of any tile sits on PE (i, j).");
                    w.Line("public global::MapDsl.Runtime.Tiles.PeFaultMap PeFaults { get; }");
                }

                foreach (var layer in mapping.Layers)
                {
                    var member = layer.Layer.MemberName;
                    var plan = layer.Plan;
                    w.Line();
                    w.Summary($"The {Literal.Plural(plan.TileCount, "tile")} of {layer.Layer.Name} ({plan.TilesAlongRows} x {plan.TilesAlongColumns}), row-major: tile (r, c) is at index r * {plan.TilesAlongColumns} + c.");
                    w.Line($"public {tile}[] {member} {{ get; }}");
                    w.Line();
                    w.Summary(mapping.QuantizesBiases
                        ? $"Biases of {layer.Layer.Name} as the chip uses them: decoded from their stored codes, added after the array."
                        : $"Biases of {layer.Layer.Name}, kept digital (added after the array).");
                    w.Line($"public float[] {member}Bias {{ get; }} = new float[{Literal.Of(layer.Layer.BiasCount)}];");
                    w.Line();
                    w.Summary($"The largest |w| of {layer.Layer.Name} when it was mapped (with quantization: of the code range); it sets the conductance scale k = (G_on - G_off) / w_max.");
                    w.Line($"public double {member}MaxWeight {{ get; set; }}");
                    if (mapping.Quantize is { } quantize)
                    {
                        w.Line();
                        w.Summary($"The {quantize.Bits}-bit codes of {layer.Layer.Name} as stored on the chip (bit flips included); null until mapped.");
                        w.Line($"public global::MapDsl.Runtime.Quantization.QuantizedTensor? {member}Codes {{ get; set; }}");
                        if (quantize.Biases)
                        {
                            w.Line();
                            w.Summary($"The {quantize.Bits}-bit bias codes of {layer.Layer.Name} as stored on the chip (bit flips at code index {layer.Layer.WeightCount} + b included); null until mapped.");
                            w.Line($"public global::MapDsl.Runtime.Quantization.QuantizedTensor? {member}BiasCodes {{ get; set; }}");
                        }

                        w.Line();
                        w.Summary($"The chip's faulty bits in the codes of {layer.Layer.Name}: flipped at every programming.");
                        w.Line($"public global::System.Collections.Generic.HashSet<global::MapDsl.Runtime.Faults.BitFlipAt> {member}BitFlips {{ get; }} = new();");
                    }
                }

                if (mapping.Network.HasNorms)
                {
                    const string Norm = "global::MapDsl.Runtime.Engine.Graph.BatchNormParameters";
                    w.Line();
                    w.Summary("The batch norms as Map kept them, in network order: the ones folded into the layer before them marked IsFolded\n"
                              + "(their effect is in that layer's tiles and biases), the others digital. ReadBack copies them into its result.");
                    w.Initializer(
                        $"public {Norm}[] Norms {{ get; }} = new {Norm}[]",
                        mapping.Network.NormLayers.Select(n => $"new({Literal.Of(n.Name!)}, {Literal.Of(n.Input.IsVector ? n.Input.Length : n.Input.Channels)})"));
                }

                if (isCrossbar)
                {
                    w.Line();
                    w.Summary("Every layer of this chip seen through the scheme-agnostic runtime view (name, tile plan, scheme, spec,\n"
                              + "this state's own tile arrays and its w_max, read when asked), so runtime code such as fault campaigns\n"
                              + "can work on any crossbar mapping without reflection.");
                    w.Line($"public global::System.Collections.Generic.IReadOnlyList<{MappedLayer}> MappedLayers {{ get; }}");
                }

                if (mapping.IsQuantized)
                {
                    WriteStoredCodes(w, mapping);
                }

                w.Line();
                w.Summary($"The mapping whose chip this is: {mapping.Name}.");
                w.Line($"public {ContractNames.Mapping} Mapping => {mapping.GlobalName}.{ContractNames.Instance};");
                w.Line();
                w.Summary("Every tile of the chip, layer by layer.");
                using (w.Block($"public global::System.Collections.Generic.IEnumerable<{tile}> AllTiles"))
                {
                    using (w.Block("get"))
                    {
                        foreach (var layer in mapping.Layers)
                        {
                            using (w.Block($"foreach (var tile in {layer.Layer.MemberName})"))
                            {
                                w.Line("yield return tile;");
                            }
                        }

                        if (!mapping.Layers.Any())
                        {
                            w.Line("yield break;");
                        }
                    }
                }
            }
        }

        // Explicit, so that the contract takes no member name from the layers (a layer named "stored" keeps its
        // StoredCodes); a new list per call, which a campaign worker reads once.
        private static void WriteStoredCodes(SourceWriter w, MappingModel mapping)
        {
            const string Tensor = "global::MapDsl.Runtime.Quantization.QuantizedTensor?";
            var codes = string.Join(", ", mapping.Layers.Select(layer => layer.Layer.MemberName + "Codes"));
            w.Line();
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<{Tensor}>", $"{ContractNames.QuantizedChip}.StoredCodes", $"new {Tensor}[] {{ {codes} }}");
            var biasCodes = string.Join(", ", mapping.Layers.Select(layer => mapping.QuantizesBiases ? layer.Layer.MemberName + "BiasCodes" : "null"));
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<{Tensor}>", $"{ContractNames.QuantizedChip}.StoredBiasCodes", $"new {Tensor}[] {{ {biasCodes} }}");
        }

        // The plan class is named with the mapping's global name because inside State a layer's
        // simple name is its tile array; w_max is a lambda because Map sets it after construction.
        private static void WriteMappedLayers(SourceWriter w, MappingModel mapping)
        {
            var scheme = SchemeText.RuntimeEnum(mapping.Scheme);
            var layers = mapping.Layers.Select(layer =>
            {
                var member = layer.Layer.MemberName;
                return ($"new {MappedLayer}", (System.Collections.Generic.IReadOnlyList<string>)new[] { Literal.Of(layer.Layer.Name!), $"{mapping.GlobalName}.{member}.Plan", scheme, "Target", member, $"() => {member}MaxWeight" });
            });
            w.Initializer($"MappedLayers = new {MappedLayer}[]", layers);
        }
    }
}
