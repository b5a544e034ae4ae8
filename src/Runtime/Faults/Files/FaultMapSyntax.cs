using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>The words of fault map format version 1, shared by the writer and the reader so they cannot drift apart.</summary>
internal static class FaultMapSyntax
{
    public const string Magic = "mapdsl-faultmap";
    public const int Version = 1;
    public const string MagicLine = "mapdsl-faultmap 1";
    public const char Comment = '#';

    public const string Mapping = "mapping";
    public const string Seed = "seed";
    public const string Rates = "rates";
    public const string Shape = "shape";
    public const string Layer = "layer";
    public const string Cell = "cell";
    public const string Bit = "bit";
    public const string Pe = "pe";
    public const string Checksum = "checksum";
    public const string Sha256 = "sha256";

    public const string Crossbar = "crossbar";
    public const string Systolic = "systolic";
    public const string By = "x";

    public const string Tiles = "tiles";
    public const string Weights = "weights";
    public const string Bits = "bits";

    /// <summary>The optional last pair of a layer line: the bias codes stored after the weight codes.</summary>
    public const string Biases = "biases";

    public const string StuckOnRate = "stuck-on";
    public const string StuckOffRate = "stuck-off";
    public const string BitFlipRate = "bit-flip";
    public const string PeRate = "pe";

    public const string StuckOn = "stuck-on";
    public const string StuckOff = "stuck-off";

    public static string KindName(CellFault fault) => fault switch
    {
        CellFault.StuckOn => StuckOn,
        CellFault.StuckOff => StuckOff,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Only stuck-on and stuck-off cells are stored in a fault map."),
    };

    public static string ArrayKind(bool isSystolic) => isSystolic ? Systolic : Crossbar;

    /// <summary>
    /// The words of a line: a comment runs from <c>#</c> to the end of the line, words are separated by spaces or
    /// tabs, and a trailing carriage return (a file saved with Windows line ends) is ignored.
    /// </summary>
    public static string[] Words(string line)
    {
        int comment = line.IndexOf(Comment, StringComparison.Ordinal);
        string content = comment < 0 ? line : line[..comment];
        return content.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Whether a name can be written as one word: non-empty, no whitespace, no control characters, no <c>#</c>.</summary>
    public static bool IsWord(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == Comment);
}
