using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The fault side of a mapping: its <c>Shape</c> (what a chip's fault map must fit),
    /// <c>SampleFaults</c> (a seeded, nested, O(faults) fault map for a chip) and <c>Inject</c>
    /// (writes a fault map into a chip's state in place, unrolled per layer).
    /// </summary>
    internal static class MappingFaultsEmitter
    {
        private const string Faults = "global::MapDsl.Runtime.Faults";

        public static void Write(SourceWriter w, MappingModel mapping)
        {
            WriteShape(w, mapping);
            w.Line();
            w.Summary("The fault map of the chip whose seed is `chip`, at the given rates: the same seed gives the same map on any machine,\n"
                      + "and the faults at a lower rate are a subset of those at a higher rate. Costs O(faults), not O(cells).");
            w.Line($"public static {Faults}.FaultMap SampleFaults({Faults}.FaultRates rates, ulong chip) =>");
            w.Line($"    {Faults}.FaultMapSampler.Sample(Shape, rates, chip);");
            w.Line();
            WriteInject(w, mapping);
        }

        private static void WriteShape(SourceWriter w, MappingModel mapping)
        {
            var isSystolic = mapping.Systolic is not null;
            var (rows, columns) = isSystolic ? (mapping.Systolic!.Rows, mapping.Systolic.Columns) : (mapping.Crossbar!.Rows, mapping.Crossbar.Columns);
            var layers = mapping.Layers.Select(l =>
                $"new {Faults}.LayerShape({Literal.Of(l.Layer.Name!)}, {Literal.Of(l.Plan.TileCount)}, {Literal.Of(l.Layer.WeightCount)}, {Literal.Of(mapping.QuantizeBits)}"
                + (mapping.QuantizesBiases ? $", {Literal.Of(l.Layer.BiasCount)})" : ")"));
            w.Summary($"What a fault map of {mapping.Name} must fit: tiles of {rows} x {columns} {(isSystolic ? "PEs" : "cells")} per layer, weights and code bits per layer.");
            w.Line($"public static {Faults}.MappingShape Shape {{ get; }} = new {Faults}.MappingShape(");
            using (w.Indent())
            {
                // The namespace-qualified name: a mapping of the same name and shape in another namespace is another mapping.
                w.Line($"{Literal.Of(mapping.Namespace + "." + mapping.Name)}, {Literal.Of(rows)}, {Literal.Of(columns)}, {Literal.Of(isSystolic)},");
                w.Comment(mapping.QuantizesBiases
                    ? "per layer: name, tiles, weights, code bits per weight, bias codes (stored after the weight codes)"
                    : "per layer: name, tiles, weights, code bits per weight");
                w.Initializer($"new {Faults}.LayerShape[]", layers, ");");
            }
        }

        private static void WriteInject(SourceWriter w, MappingModel mapping)
        {
            w.Summary("Writes a chip's faults into its state, in place: stuck cells read G_on or G_off from now on (and stay stuck when the chip is\n"
                      + "programmed again), flipped code bits are flipped at every programming, bypassed PEs contribute 0.\n"
                      + "The map is checked against Shape first, so a map of another mapping is rejected before anything changes.");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">The fault map does not fit this mapping.</exception>");
            using (w.Block($"public static void Inject(State state, {Faults}.FaultMap faults)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(state);");
                w.Line("global::System.ArgumentNullException.ThrowIfNull(faults);");
                using (w.Block("if (!faults.Matches(Shape, out var problem))"))
                {
                    w.Line($"throw new global::System.ArgumentException($\"The fault map does not fit mapping {mapping.Name}: {{problem}}\", \"faults\");");
                }

                for (var i = 0; i < mapping.Layers.Count; i++)
                {
                    var member = mapping.Layers[i].Layer.MemberName;
                    w.Line($"Inject{member}(state, faults.Layers[{Literal.Of(i)}]);");
                }

                if (mapping.Systolic is not null)
                {
                    using (w.Block("foreach (var pe in faults.BypassedPes)"))
                    {
                        w.Line("state.PeFaults.SetBypassed(pe.Row, pe.Column, true);");
                    }
                }
            }

            foreach (var layer in mapping.Layers)
            {
                w.Line();
                WriteInjectLayer(w, mapping, layer);
            }
        }

        private static void WriteInjectLayer(SourceWriter w, MappingModel mapping, LayerMappingModel layer)
        {
            var member = layer.Layer.MemberName;
            w.Summary($"The faults of {layer.Layer.Name}.");
            using (w.Block($"private static void Inject{member}(State state, {Faults}.LayerFaults faults)"))
            {
                if (mapping.Crossbar is not null)
                {
                    using (w.Block("foreach (var cell in faults.Cells)"))
                    {
                        w.Line($"state.{member}[cell.Tile].SetFault(cell.Row, cell.Column, cell.Fault);");
                    }
                }

                if (!mapping.IsQuantized)
                {
                    return;
                }

                w.Comment("new faulty bits join the chip's list; if the layer is programmed already, flip its stored codes and rewrite it");
                w.Line($"var added = new global::System.Collections.Generic.List<{Faults}.BitFlipAt>();");
                using (w.Block("foreach (var flip in faults.BitFlips)"))
                {
                    using (w.Block($"if (state.{member}BitFlips.Add(flip))"))
                    {
                        w.Line("added.Add(flip);");
                    }
                }

                using (w.Block($"if (added.Count > 0 && state.{member}Codes is {{ }} codes)"))
                {
                    if (mapping.QuantizesBiases)
                    {
                        w.Comment("code indices past the weights are the bias codes'");
                        w.Line($"global::MapDsl.Runtime.Quantization.BitFlips.ApplyToLayer(codes, state.{member}BiasCodes, added);");
                        w.Line($"state.{member}BiasCodes!.DecodeTo(state.{member}Bias);");
                    }
                    else
                    {
                        w.Line("global::MapDsl.Runtime.Quantization.BitFlips.Apply(codes, added);");
                    }

                    w.Line($"var w = new float[{Literal.Of(layer.Layer.WeightCount)}];");
                    w.Line("codes.DecodeTo(w);");
                    w.Line($"Program{member}(state, w);");
                }
            }
        }
    }
}
