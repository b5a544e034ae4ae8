using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>Picks the emitter for a declaration: one generated file per declaration.</summary>
    internal static class Emitter
    {
        public static string Emit(DeclarationModel declaration) => declaration switch
        {
            CrossbarModel crossbar => CrossbarEmitter.Emit(crossbar),
            SystolicModel systolic => SystolicEmitter.Emit(systolic),
            NetworkModel network => NetworkEmitter.Emit(network),
            PruningModel pruning => PruningEmitter.Emit(pruning),
            MappingModel mapping => MappingEmitter.Emit(mapping),
            FaultsModel faults => FaultsEmitter.Emit(faults),
            NetworkRegistryModel registry => RegistryEmitter.Emit(registry),
            NamespaceRegistryModel registry => RegistryEmitter.Emit(registry),
            StandInModel standIn => StandInEmitter.Emit(standIn),
            _ => throw new System.ArgumentOutOfRangeException(nameof(declaration), declaration.GetType().Name, "no emitter for this declaration"),
        };
    }
}
