using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The generated registries: <c>N.Mappings</c> and <c>N.Prunings</c> of a network (a part of its class) and
    /// <c>XmapDeclarations</c> of a namespace, so code can loop over declarations instead of naming each one.
    /// </summary>
    internal static class RegistryEmitter
    {
        public static string Emit(NetworkRegistryModel registry) =>
            GeneratedFile.Write(registry, $"the mappings and prunings of network {registry.Name} ({registry.Origin}). Edit the .xmap files", w =>
            {
                var weights = $"{registry.NetworkGlobalName}.Weights";
                using (w.Block($"public static partial class {Naming.EscapeIdentifier(registry.Name)}"))
                {
                    w.Summary($"Every mapping of {registry.Name}, of any namespace of the project, in declaration order.");
                    WriteList(w, $"{ContractNames.Mapping}<{weights}>", "Mappings", registry.Mappings);
                    w.Line();
                    w.Summary($"Every pruning of {registry.Name}, of any namespace of the project, in declaration order.");
                    WriteList(w, $"{ContractNames.Pruning}<{weights}>", "Prunings", registry.Prunings);
                }
            });

        public static string Emit(NamespaceRegistryModel registry) =>
            GeneratedFile.Write(registry, $"the .xmap files of namespace {registry.Namespace}. Edit those files", w =>
            {
                w.Summary($"The mappings and prunings declared in namespace {registry.Namespace}, in declaration order.");
                w.Line(GeneratedFile.GeneratedCodeAttribute);
                using (w.Block($"public static class {registry.Name}"))
                {
                    w.Summary("Every mapping of the namespace, of any network.");
                    WriteList(w, ContractNames.Mapping, "Mappings", registry.Mappings);
                    w.Line();
                    w.Summary("Every pruning of the namespace, of any network.");
                    WriteList(w, ContractNames.Pruning, "Prunings", registry.Prunings);
                }
            });

        private static void WriteList(SourceWriter w, string type, string name, Common.EquatableArray<string> classes) =>
            ListProperty.Write(w, type, name, classes.Select(declaration => $"{declaration}.{ContractNames.Instance}"));
    }
}
