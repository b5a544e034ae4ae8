using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// The registry models of a bound program: for every network the mappings and prunings that name it, and for every
    /// namespace all of its mappings and prunings, each list in declaration order.
    /// </summary>
    internal static class Registries
    {
        /// <param name="standIns">The declarations with errors: a namespace that has only those still gets its (then empty) lists.</param>
        public static IEnumerable<DeclarationModel> Of(IReadOnlyList<DeclarationModel> declarations, IReadOnlyList<StandInModel> standIns)
        {
            var mappings = declarations.OfType<MappingModel>().ToList();
            var prunings = declarations.OfType<PruningModel>().ToList();
            foreach (var network in declarations.OfType<NetworkModel>())
            {
                yield return new NetworkRegistryModel(
                    network.Namespace,
                    network.Name,
                    network.Origin,
                    network.GlobalName,
                    mappings.Where(m => m.Network.GlobalName == network.GlobalName).Select(m => m.GlobalName).ToEquatableArray(),
                    prunings.Where(p => p.Network.GlobalName == network.GlobalName).Select(p => p.GlobalName).ToEquatableArray());
            }

            foreach (var group in declarations.Concat(standIns).GroupBy(d => d.Namespace))
            {
                yield return new NamespaceRegistryModel(
                    group.Key,
                    GeneratedNames.NamespaceRegistry,
                    group.First().Origin,
                    group.OfType<MappingModel>().Select(m => m.GlobalName).ToEquatableArray(),
                    group.OfType<PruningModel>().Select(p => p.GlobalName).ToEquatableArray());
            }
        }
    }
}
