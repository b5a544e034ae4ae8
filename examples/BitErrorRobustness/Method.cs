using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Contract;

namespace BitErrorRobustness;

/// <summary>
/// One training method of the paper at one word width: how it trains (quantization-aware with the quantizer of
/// <see cref="Variant"/>, clipping, p_train) and the mapping it is evaluated on (the same one).
/// </summary>
/// <param name="Name">normal, rquant, clipping or randbet (rerr.csv's method column).</param>
/// <param name="Bits">Word width: 8 or 4.</param>
/// <param name="Variant">The quantization, as the mappings of bet.xmap name it: Normal, Robust, Clip10, Clip05.</param>
/// <param name="WeightClip">w_max of clipping, or null.</param>
/// <param name="ErrorRate">p_train of RandBET, or 0.</param>
internal sealed record Method(string Name, int Bits, string Variant, double? WeightClip, double ErrorRate)
{
    /// <summary>The methods the experiment trains at each word width, after the paper's tables.</summary>
    public static IReadOnlyList<Method> All(IEnumerable<int> bits) => [.. bits.SelectMany(b => new Method[]
    {
        new("normal", b, "Normal", null, 0),
        new("rquant", b, "Robust", null, 0),
        new("clipping", b, "Clip10", 0.1, 0),
        new("clipping", b, "Clip05", 0.05, 0),
        new("randbet", b, "Clip10", 0.1, 0.01),
    })];

    /// <summary>The quantizations of the ablation, from the per-layer symmetric baseline to RQuant, one step at a time.</summary>
    public static IReadOnlyList<(string Step, string Variant)> Ablation { get; } =
    [
        ("per-layer symmetric", "Normal"),
        ("+ asymmetric", "Asym"),
        ("+ unsigned", "AsymUnsigned"),
        ("+ rounding (RQuant)", "Robust"),
    ];

    /// <summary>A short unique label: <c>randbet-8bit-w0.1-p0.01</c>.</summary>
    public string Label => $"{Name}-{Bits}bit" + (WeightClip is double w ? $"-w{w:R}" : string.Empty) + (ErrorRate > 0 ? $"-p{ErrorRate:R}" : string.Empty);

    /// <summary>The training settings of this method with <paramref name="mapping"/>'s quantizer.</summary>
    public BitErrorTrainingSettings Settings(IMapping mapping) =>
        new(mapping.Quantizer!, WeightClip, ErrorRate, Curriculum: ErrorRate > 0 ? RandBetCurriculum.Default : null);
}
