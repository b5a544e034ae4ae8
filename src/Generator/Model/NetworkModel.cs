using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// A bound network: its input shape and layers, every shape inferred. <see cref="Layers"/> is flat, in the order the
    /// network computes them: a residual block's body, then its shortcut (<see cref="Blocks"/> says where each block is).
    /// </summary>
    internal sealed record NetworkModel(string Namespace, string Name, Origin Origin, ShapeModel Input, EquatableArray<LayerModel> Layers)
        : DeclarationModel(Namespace, Name, Origin)
    {
        /// <summary>The residual blocks, in order; each is a run of <see cref="Layers"/>. Empty in a version 1 network.</summary>
        public EquatableArray<BlockModel> Blocks { get; init; }

        /// <summary>Conv and dense layers, in network order (inside a block: body first, then shortcut).</summary>
        public IEnumerable<LayerModel> WeightedLayers => Layers.Where(l => l.IsWeighted);

        /// <summary>The batch norms, in network order (their <see cref="LayerModel.NormIndex"/> order).</summary>
        public IEnumerable<LayerModel> NormLayers => Layers.Where(l => l.Kind == LayerKind.BatchNorm);

        public bool HasNorms => Layers.Any(l => l.Kind == LayerKind.BatchNorm);

        public ShapeModel Output => Layers.Count == 0 ? Input : Layers[Layers.Count - 1].Output;
    }

    /// <summary>
    /// A bound <c>residual</c> block: <see cref="BodyCount"/> layers from <see cref="First"/> in the network's flat layer
    /// list, then <see cref="ShortcutCount"/> shortcut layers (none: the identity). Both start from <see cref="Input"/>
    /// and end with <see cref="Output"/>; the block adds them.
    /// </summary>
    internal sealed record BlockModel(
        string Name, int Line, ShapeModel Input, ShapeModel Output, int First, int BodyCount, int ShortcutCount, bool HasShortcut)
    {
        /// <summary>The index after the block's last layer in the flat list.</summary>
        public int End => First + BodyCount + ShortcutCount;
    }
}
