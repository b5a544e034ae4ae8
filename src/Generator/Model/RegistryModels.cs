using MapDsl.Generator.Common;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// The mappings and prunings of one network, as global class names: the network's generated <c>Mappings</c> and
    /// <c>Prunings</c> lists. Emitted into a file of its own, so that adding a mapping leaves the network's file as it was.
    /// </summary>
    internal sealed record NetworkRegistryModel(
        string Namespace, string Name, Origin Origin, string NetworkGlobalName, EquatableArray<string> Mappings, EquatableArray<string> Prunings)
        : DeclarationModel(Namespace, Name, Origin)
    {
        public override string HintName => $"{Namespace}.{Name}.Registry.g.cs";
    }

    /// <summary>Every mapping and pruning of one namespace, as global class names: the generated <c>XmapDeclarations</c>.</summary>
    internal sealed record NamespaceRegistryModel(string Namespace, string Name, Origin Origin, EquatableArray<string> Mappings, EquatableArray<string> Prunings)
        : DeclarationModel(Namespace, Name, Origin);
}
