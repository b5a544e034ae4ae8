using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.BitErrors;

/// <summary>
/// A profiled memory: the flip probability of individual stored bits as measured on a chip at one supply voltage,
/// plus a rate for every bit not listed. A fixed pattern is a profile whose listed bits have probability 1 and whose
/// base rate is 0. <see cref="Sample"/> draws a pattern from it like <c>SampleFaults</c> draws one from a rate, so a
/// profiled chip is evaluated exactly like sampled ones (<see cref="BitErrorEvaluation{TWeights}.Score(FaultMap)"/>).
/// Files: <see cref="BitErrorProfileFile"/>, docs/bit-error-profile.md.
/// </summary>
public sealed class BitErrorProfile
{
    /// <summary>Creates a profile after checking it.</summary>
    /// <param name="baseRate">Flip probability of every bit not listed, in [0, 1].</param>
    /// <param name="bits">Per layer name, the listed bits and their flip probabilities in [0, 1]; a bit listed at most once.</param>
    /// <exception cref="ArgumentException">A probability is out of range or a bit is listed twice.</exception>
    public BitErrorProfile(double baseRate, IReadOnlyDictionary<string, IReadOnlyList<ProfiledBit>> bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        BaseRate = baseRate is >= 0 and <= 1 ? baseRate : throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "The base rate must be a probability in [0, 1].");
        foreach (var (layer, listed) in bits)
        {
            var seen = new HashSet<BitFlipAt>();
            foreach (var bit in listed)
            {
                if (!(bit.Probability is >= 0 and <= 1))
                {
                    throw new ArgumentException($"Layer '{layer}', weight {bit.Weight}, bit {bit.Bit}: the probability {bit.Probability} is not in [0, 1].", nameof(bits));
                }

                if (!seen.Add(new BitFlipAt(bit.Weight, bit.Bit)))
                {
                    throw new ArgumentException($"Layer '{layer}': weight {bit.Weight}, bit {bit.Bit} is listed twice.", nameof(bits));
                }
            }
        }

        Bits = bits;
    }

    /// <summary>Flip probability of every bit not listed.</summary>
    public double BaseRate { get; }

    /// <summary>The listed bits, per layer name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProfiledBit>> Bits { get; }

    /// <summary>
    /// Why the profile does not fit <paramref name="shape"/> (a layer it does not have, a weight or bit outside the
    /// layer's codes), or null when it fits.
    /// </summary>
    public string? Misfit(MappingShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var (layer, listed) in Bits)
        {
            if (shape.Layers.FirstOrDefault(l => l.Layer == layer) is not { } layerShape)
            {
                return $"mapping {shape.Mapping} has no layer '{layer}' (its layers: {string.Join(", ", shape.Layers.Select(l => l.Layer))})";
            }

            if (listed.Where(b => b.Weight < 0 || b.Weight >= layerShape.CodeCount || b.Bit < 0 || b.Bit >= layerShape.Bits).Cast<ProfiledBit?>().FirstOrDefault() is { } outside)
            {
                return $"layer '{layer}' of mapping {shape.Mapping} stores {layerShape.CodeCount} codes of {layerShape.Bits} bits; weight {outside.Weight}, bit {outside.Bit} is not one of them";
            }
        }

        return null;
    }

    /// <summary>
    /// Pattern <paramref name="pattern"/> of the profiled chip for <paramref name="mapping"/>: the bits not listed flip
    /// as the mapping's sampler flips them at the base rate with chip seed <paramref name="pattern"/>; a listed bit flips
    /// when a uniform drawn from the pattern and the bit's coordinates is below its probability. Deterministic.
    /// </summary>
    /// <param name="mapping">A quantized mapping the profile fits.</param>
    /// <param name="pattern">The pattern, from 1.</param>
    /// <exception cref="ArgumentException">The profile does not fit the mapping.</exception>
    public FaultMap Sample(IMapping mapping, int pattern)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (Misfit(mapping.Shape) is { } misfit)
        {
            throw new ArgumentException($"The bit error profile does not fit: {misfit}.", nameof(mapping));
        }

        var sampled = mapping.SampleFaults(FaultRates.None with { BitFlip = BaseRate }, (ulong)pattern);
        var layers = new List<LayerFaults>();
        for (int l = 0; l < sampled.Layers.Count; l++)
        {
            var layer = sampled.Layers[l];
            if (!Bits.TryGetValue(layer.Layer, out var listed))
            {
                layers.Add(layer);
                continue;
            }

            var profiled = listed.ToDictionary(b => new BitFlipAt(b.Weight, b.Bit), b => b.Probability);
            var flips = layer.BitFlips.Where(f => !profiled.ContainsKey(f)).ToList();
            flips.AddRange(profiled.Where(b => Uniform(pattern, l, b.Key) < b.Value).Select(b => b.Key));
            flips.Sort((a, b) => a.Weight != b.Weight ? a.Weight.CompareTo(b.Weight) : a.Bit.CompareTo(b.Bit));
            layers.Add(new LayerFaults(layer.Layer, [], flips));
        }

        return new FaultMap(mapping.Shape.Mapping, (ulong)pattern, null, layers, []);
    }

    // A uniform in [0, 1) from the pattern and the bit's coordinates alone (SplitMix64 of their hash), 53 bits.
    private static double Uniform(int pattern, int layer, BitFlipAt bit)
    {
        ulong z = SplitMix64.Mix((ulong)(uint)pattern * SplitMix64.Gamma);
        z = SplitMix64.Mix(z ^ ((ulong)(uint)layer << 40) ^ ((ulong)(uint)bit.Weight << 6) ^ (uint)bit.Bit);
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>One profiled bit: weight code, bit (0 = least significant) and its flip probability.</summary>
/// <param name="Weight">The weight's index in the layer.</param>
/// <param name="Bit">The bit of its code.</param>
/// <param name="Probability">The flip probability in [0, 1].</param>
public readonly record struct ProfiledBit(int Weight, int Bit, double Probability);
