namespace MapDsl.Runtime.Contract;

/// <summary>
/// Marks a generated parameter that takes an array of one fixed length (a layer's weights or biases), so that the
/// C# analyzers (XMAP1003) can report an array of constant size and the wrong length at the call, before the
/// constructor throws at run time. The generator writes it; user code has no reason to.
/// </summary>
/// <param name="length">The only length the parameter accepts.</param>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ExpectedLengthAttribute(int length) : Attribute
{
    /// <summary>The only length the parameter accepts.</summary>
    public int Length { get; } = length;
}
