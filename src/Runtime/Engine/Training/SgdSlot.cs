namespace MapDsl.Runtime.Engine.Training;

/// <summary>What <see cref="Sgd"/> remembers per registered parameter array.</summary>
/// <param name="Length">Values in the array.</param>
/// <param name="Velocity">Momentum buffer, empty when the optimizer has no momentum.</param>
/// <param name="Decay">The weight decay coefficient for this array (0 when it is not decayed).</param>
internal readonly record struct SgdSlot(int Length, float[] Velocity, float Decay);
