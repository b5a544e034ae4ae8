using MapDsl.Runtime.BitErrors;

namespace BitErrorRobustness;

/// <summary>One trained method's results: its clean error and each rate's summary.</summary>
internal sealed record TrainedMethod(Method Method, double CleanError, IReadOnlyList<BitErrorSummary> Rates);

/// <summary>One quantization of the ablation on one word width, applied to the RQuant-trained model.</summary>
internal sealed record AblationRow(string Step, string Variant, int Bits, double CleanError, IReadOnlyList<BitErrorSummary> Rates);

/// <summary>
/// One network's results, as <see cref="Report"/> writes them; <paramref name="Profiled"/> holds each method under the
/// patterns of a profiled chip (one summary, rate NaN), empty when no profile was given or it fits no mapping.
/// </summary>
internal sealed record NetworkResults(string Model, IReadOnlyList<TrainedMethod> Methods, IReadOnlyList<AblationRow> Ablation, IReadOnlyList<TrainedMethod> Profiled);
