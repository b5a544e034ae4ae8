namespace MapDsl.Runtime.Faults;

/// <summary>What a fault map needs to know about one mapped layer.</summary>
/// <param name="Layer">Layer name, unique within the mapping.</param>
/// <param name="TileCount">Number of tiles (crossbars, or passes over the systolic array) the layer occupies.</param>
/// <param name="WeightCount">Number of weights of the layer.</param>
/// <param name="Bits">Bits per stored quantized weight code; 0 when weights are not quantized (no bits to flip).</param>
/// <param name="BiasCount">
/// Bias codes stored after the weight codes when the mapping quantizes biases too (<c>quantize ... biases</c>); 0 when
/// biases stay float. A bit flip at code index <c>WeightCount + b</c> hits bias b.
/// </param>
public sealed record LayerShape(string Layer, int TileCount, int WeightCount, int Bits, int BiasCount = 0)
{
    /// <summary>The largest supported code width.</summary>
    public const int MaxBits = 64;

    /// <summary>Layer name.</summary>
    public string Layer { get; } = string.IsNullOrEmpty(Layer)
        ? throw new ArgumentException("A layer shape needs a non-empty layer name.", nameof(Layer))
        : Layer;

    /// <summary>Number of tiles of the layer.</summary>
    public int TileCount { get; } = TileCount >= 0
        ? TileCount
        : throw new ArgumentOutOfRangeException(nameof(TileCount), TileCount, $"Layer '{Layer}' cannot have a negative tile count, got {TileCount}.");

    /// <summary>Number of weights of the layer.</summary>
    public int WeightCount { get; } = WeightCount >= 0
        ? WeightCount
        : throw new ArgumentOutOfRangeException(nameof(WeightCount), WeightCount, $"Layer '{Layer}' cannot have a negative weight count, got {WeightCount}.");

    /// <summary>Bits per weight code, 0 if not quantized.</summary>
    public int Bits { get; } = Bits is >= 0 and <= MaxBits
        ? Bits
        : throw new ArgumentOutOfRangeException(nameof(Bits), Bits, $"Layer '{Layer}' must have 0 (not quantized) to {MaxBits} bits per weight code, got {Bits}.");

    /// <summary>Bias codes stored after the weight codes; 0 when biases are not quantized.</summary>
    public int BiasCount { get; } = BiasCount >= 0 && (BiasCount == 0 || Bits > 0)
        ? BiasCount
        : throw new ArgumentOutOfRangeException(nameof(BiasCount), BiasCount, $"Layer '{Layer}' can only store bias codes (0 or more) when it stores weight codes (Bits > 0), got {BiasCount} with {Bits} bits.");

    /// <summary>Stored codes: the weights', then the biases'. Bit flips address code indices 0 .. CodeCount - 1.</summary>
    public int CodeCount => WeightCount + BiasCount;

    /// <summary>Number of stored bits, <c>CodeCount * Bits</c>: the units bit flips are drawn from.</summary>
    public long BitCount => (long)CodeCount * Bits;
}
