namespace MapDsl.Runtime.Contract.StandIns;

/// <summary>
/// A generated type that stands in for an .xmap declaration with errors. The generator cannot emit the real type, but
/// without any type every C# line that names the declaration fails to compile, and the compiler reports those errors
/// before (or, for a type in a member's signature, instead of) the XMAP error that caused them. A stand-in keeps the
/// declaration's name and its contract, so the build's first error is the cause. It never runs: the XMAP error fails
/// the build, and each member throws <see cref="DeclarationHasErrorsException"/> should anything call it anyway.
/// </summary>
public interface IStandIn
{
    /// <summary>The declaration's XMAP errors as the build reports them (file(line,column): ID: message), or what it depends on that has them.</summary>
    static abstract string Errors { get; }
}
