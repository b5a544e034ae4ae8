using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;

namespace MapDsl.Generator.Model
{
    /// <summary>A bound network: its input shape and layers, every shape inferred.</summary>
    internal sealed record NetworkModel(string Namespace, string Name, Origin Origin, ShapeModel Input, EquatableArray<LayerModel> Layers)
        : DeclarationModel(Namespace, Name, Origin)
    {
        public IEnumerable<LayerModel> WeightedLayers => Layers.Where(l => l.IsWeighted);

        public ShapeModel Output => Layers.Count == 0 ? Input : Layers[Layers.Count - 1].Output;
    }
}
