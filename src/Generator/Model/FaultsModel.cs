namespace MapDsl.Generator.Model
{
    /// <summary>A bound fault model: independent per-unit rates as fractions (0 when not declared).</summary>
    internal sealed record FaultsModel(string Namespace, string Name, Origin Origin, double StuckOn, double StuckOff, double BitFlip, double Pe)
        : DeclarationModel(Namespace, Name, Origin);
}
