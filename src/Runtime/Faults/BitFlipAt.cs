namespace MapDsl.Runtime.Faults;

/// <summary>A flipped bit of one stored quantized weight code of a layer.</summary>
/// <param name="Weight">Weight index within the layer, in the layer's flattened weight order.</param>
/// <param name="Bit">Bit position within the code; 0 is the least significant bit.</param>
public readonly record struct BitFlipAt(int Weight, int Bit);
