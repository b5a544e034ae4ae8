using System.Globalization;
using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// The values of the .xmap language as CsCheck generators: names, whole numbers, rates, shapes,
/// conductances. Each is valid, except with probability <see cref="NoisePerMille"/>/1000, when it is
/// one of the slightly-invalid spellings a user makes (a fraction where a whole number goes, a
/// percentage out of range, a unit on the wrong number, a name nothing declares, a huge number,
/// unicode digits). Noise 0 gives only valid values, so whole programs of it bind without errors.
/// </summary>
internal sealed class XmapValues(int noisePerMille)
{
    private static readonly string[] BadNumbers =
    [
        "0", "4.5", "99999999999999999999", "16777217", "1e9", "-3", ".5", "5.", "7%", "3uS", "٣", "½", "NaN", "0x10", "1_000", "",
        // The limits and the int edges: sizes that are allowed but multiply to more than an int holds.
        "16777216", "65536", "65537", "1073741823", "2147483647", "2147483648", "4294967296", "0.0000000000000000000001",
    ];

    private static readonly string[] BadRates = ["150%", "1.5", "-1%", "2 %", "2%%", "101%", "100.0001%", "1e-3", "%", "0.5.5"];

    private static readonly string[] BadNames = ["x0", "X0", "var", "Undeclared", "9lives", "Ñame", "a-b", "a.b", "名前", "", "_", "x y", "relu;"];

    public int NoisePerMille { get; } = noisePerMille;

    /// <summary>A name that some other part of the program refers to (or, with noise, a broken or unknown one).</summary>
    public Gen<string> Name(string valid) => Noisy(Gen.Const(valid), Gen.OneOf(BadNames));

    /// <summary>A whole number in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public Gen<string> Whole(int low, int high) => Noisy(Gen.Int[low, high].Select(Text), Gen.OneOf(BadNumbers));

    /// <summary>The number <paramref name="value"/>, or with noise a broken one in its place.</summary>
    public Gen<string> Number(int value) => Noisy(Gen.Const(Text(value)), Gen.OneOf(BadNumbers));

    /// <summary>A fault rate in [0, 100%], as a percentage or as a fraction.</summary>
    public Gen<string> Rate => Noisy(Percent(0, 100), Gen.OneOf(BadRates));

    /// <summary>A sparsity or dropout rate in [0, 100%).</summary>
    public Gen<string> Sparsity => Noisy(Percent(0, 99), Gen.OneOf([.. BadRates, "100%", "1"]));

    /// <summary>Two whole numbers joined by <c>x</c>, spaced in any of the ways the lexer accepts.</summary>
    public Gen<string> Shape2(int low, int high) =>
        Noisy(
            Gen.Select(Gen.Int[low, high], Gen.Int[low, high], Times).Select((rows, columns, x) => $"{rows}{x}{columns}"),
            Gen.OneOf("4 x 4 x 4", "4", "4 x", "x 4", "4 X 4", "4 × 4", "0 x 4", "4.5 x 4", "99999999999999999999 x 1", "4x4x"));

    /// <summary>Two whole numbers, the first at most the second (as n:m wants); noise swaps them.</summary>
    public Gen<(string Low, string High)> OrderedPair(int high) =>
        Gen.Select(Gen.Int[1, high], Gen.Int[1, high]).SelectMany((a, b) =>
            Noisy(Gen.Const((Text(Math.Min(a, b)), Text(Math.Max(a, b)))), Gen.Const((Text(Math.Max(a, b) + 1), Text(Math.Min(a, b))))));

    /// <summary><c>G_off .. G_on</c> with G_off below G_on, in the units the language knows.</summary>
    public Gen<string> ConductanceRange =>
        Noisy(
            Gen.OneOf("1uS .. 100uS", "0 .. 1", "10nS .. 1mS", "0.5uS .. 0.5mS", "0S .. 1S", "1uS..2uS", "0 .. 0.001"),
            Gen.OneOf("100uS .. 1uS", "1uS .. 1uS", "1kS .. 2kS", "1 uS .. 2 uS", "1uS ..", ".. 1uS", "1uS - 2uS", "-1uS .. 1uS", "1µS .. 2µS"));

    /// <summary><c>x</c> between two dimensions, with or without spaces.</summary>
    public static Gen<string> Times { get; } = Gen.OneOf(" x ", "x", " x", "x ");

    /// <summary>Mostly <paramref name="valid"/>; with probability NoisePerMille/1000 <paramref name="invalid"/>.</summary>
    public Gen<T> Noisy<T>(Gen<T> valid, Gen<T> invalid) =>
        NoisePerMille == 0 ? valid : Gen.Frequency((1000 - NoisePerMille, valid), (NoisePerMille, invalid));

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Half as percentages, half as fractions: both spellings mean the same rate.
    private static Gen<string> Percent(int low, int high) =>
        Gen.Select(Gen.Int[low, high], Gen.Bool).Select((percent, asFraction) =>
            asFraction ? (percent / 100.0).ToString("0.0##", CultureInfo.InvariantCulture) : Text(percent) + "%");
}
