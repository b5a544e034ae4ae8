namespace MapDsl.LanguageServer.Features;

/// <summary>
/// The keywords completion offers, per place. The parser keeps its keyword tables private, so they
/// are listed here once; the server tests check each list against the parser's own "expected ..."
/// message for that place, so the two cannot drift apart. Schemes and quantize words come straight
/// from the parser's public lists.
/// </summary>
internal static class LanguageWords
{
    public static readonly string[] TopLevel = ["namespace", "crossbar", "systolic", "network", "pruning", "mapping", "faults"];

    public static readonly string[] PruningKinds = ["none", "unstructured", "rows", "columns", "blocks", "pattern", "n:m"];

    /// <summary>The statements each declaration's body accepts, by declaration keyword (a pruning's are its layer rules).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Bodies = new Dictionary<string, string[]>
    {
        ["crossbar"] = ["size", "levels", "conductance"],
        ["systolic"] = ["size"],
        ["network"] = ["input", "conv", "dense", "relu", "maxpool", "avgpool", "flatten", "batchnorm", "global-avgpool", "dropout", "residual"],
        ["mapping"] = ["scheme", "pruning", "quantize"],
        ["faults"] = ["stuck-on", "stuck-off", "bit-flip", "pe"],
    };
}
