namespace MapDsl.Generator.Model
{
    /// <summary>Where a declaration or member came from: shown in generated comments.</summary>
    internal sealed record Origin(string FileName, int Line)
    {
        public override string ToString() => $"{FileName} line {Line}";
    }

    /// <summary>
    /// A bound, valid declaration: everything the emitter needs, resolved and checked, as plain
    /// equatable data. A declaration with errors never becomes a model, so the emitter can trust it.
    /// </summary>
    internal abstract record DeclarationModel(string Namespace, string Name, Origin Origin)
    {
        /// <summary>The fully qualified C# name, <c>global::</c> included.</summary>
        public string GlobalName => GlobalNameOf(Namespace, Name);

        /// <summary>The fully qualified C# name of declaration <paramref name="name"/> of namespace <paramref name="ns"/>.</summary>
        public static string GlobalNameOf(string ns, string name) => $"global::{Naming.EscapeNamespace(ns)}.{Naming.EscapeIdentifier(name)}";

        /// <summary>The hint name of the generated file; unique per declaration.</summary>
        public virtual string HintName => $"{Namespace}.{Name}.g.cs";
    }
}
