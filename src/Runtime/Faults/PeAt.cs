namespace MapDsl.Runtime.Faults;

/// <summary>A bypassed processing element of the chip's systolic array.</summary>
/// <param name="Row">PE row.</param>
/// <param name="Column">PE column.</param>
public readonly record struct PeAt(int Row, int Column);
