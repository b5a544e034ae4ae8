namespace MapDsl.Runtime.Contract.StandIns;

/// <summary>Thrown by every member of a stand-in (<see cref="IStandIn"/>): its declaration did not compile to code.</summary>
public sealed class DeclarationHasErrorsException : InvalidOperationException
{
    /// <param name="errors">The stand-in's <see cref="IStandIn.Errors"/>.</param>
    public DeclarationHasErrorsException(string errors)
        : base($"{errors}. This type stands in for the declaration until its .xmap file is fixed and the project rebuilt")
    {
        Errors = errors;
    }

    /// <summary>The declaration's XMAP errors (see <see cref="IStandIn.Errors"/>).</summary>
    public string Errors { get; }

    /// <summary>The exception for stand-in <typeparamref name="TStandIn"/>.</summary>
    public static DeclarationHasErrorsException Of<TStandIn>()
        where TStandIn : IStandIn => new(TStandIn.Errors);
}
