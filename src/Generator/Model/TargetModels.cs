namespace MapDsl.Generator.Model
{
    /// <summary>A bound crossbar tile type: size, conductance levels and range (siemens or normalised).</summary>
    internal sealed record CrossbarModel(string Namespace, string Name, Origin Origin, int Rows, int Columns, int Levels, double GOff, double GOn, string ConductanceText)
        : DeclarationModel(Namespace, Name, Origin);

    /// <summary>A bound weight-stationary systolic array of Rows x Columns PEs.</summary>
    internal sealed record SystolicModel(string Namespace, string Name, Origin Origin, int Rows, int Columns)
        : DeclarationModel(Namespace, Name, Origin);
}
