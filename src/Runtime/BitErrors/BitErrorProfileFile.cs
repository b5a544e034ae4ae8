using System.Globalization;
using MapDsl.Runtime.Faults.Files;

namespace MapDsl.Runtime.BitErrors;

/// <summary>
/// Reads bit error profiles (docs/bit-error-profile.md): a first line <c>mapdsl-bit-error-profile 1</c>, then
/// <c>rate P</c> (optional, at most once, before the first layer), and per layer a <c>layer NAME</c> line followed
/// by <c>bit WEIGHT BIT PROBABILITY</c> lines. <c>#</c> starts a comment; blank lines are ignored. A bad line is a
/// <see cref="FaultMapFormatException"/> with the path and line number; nothing is returned then.
/// </summary>
public static class BitErrorProfileFile
{
    /// <summary>The first line of every profile.</summary>
    public const string Magic = "mapdsl-bit-error-profile 1";

    /// <summary>Reads the profile at <paramref name="path"/>.</summary>
    /// <exception cref="FaultMapFormatException">The file is not a valid profile.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static BitErrorProfile Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads a profile from <paramref name="reader"/>; <paramref name="path"/> only names it in errors.</summary>
    /// <exception cref="FaultMapFormatException">The text is not a valid profile.</exception>
    public static BitErrorProfile Parse(TextReader reader, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        double baseRate = 0;
        bool rateSeen = false;
        var layers = new Dictionary<string, List<ProfiledBit>>();
        List<ProfiledBit>? current = null;
        int number = 0;
        bool magicSeen = false;
        while (reader.ReadLine() is { } line)
        {
            number++;
            string[] words = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (!magicSeen)
            {
                if (string.Join(' ', words) != Magic)
                {
                    throw new FaultMapFormatException(path, number, $"expected the first line '{Magic}', found '{line.Trim()}'");
                }

                magicSeen = true;
                continue;
            }

            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "rate" when words.Length == 2:
                    if (rateSeen || current is not null)
                    {
                        throw new FaultMapFormatException(path, number, "'rate' may appear once, before the first layer");
                    }

                    baseRate = Probability(words[1], path, number, "rate");
                    rateSeen = true;
                    break;
                case "layer" when words.Length == 2:
                    if (layers.ContainsKey(words[1]))
                    {
                        throw new FaultMapFormatException(path, number, $"layer '{words[1]}' appears twice; list all of its bits under one 'layer' line");
                    }

                    current = [];
                    layers[words[1]] = current;
                    break;
                case "bit" when words.Length == 4:
                    if (current is null)
                    {
                        throw new FaultMapFormatException(path, number, "a 'bit' line needs a 'layer NAME' line before it");
                    }

                    var bit = new ProfiledBit(Whole(words[1], path, number, "weight"), Whole(words[2], path, number, "bit"), Probability(words[3], path, number, "probability"));
                    if (current.Any(b => b.Weight == bit.Weight && b.Bit == bit.Bit))
                    {
                        throw new FaultMapFormatException(path, number, $"weight {bit.Weight}, bit {bit.Bit} is listed twice in this layer");
                    }

                    current.Add(bit);
                    break;
                default:
                    throw new FaultMapFormatException(path, number, $"expected 'rate P', 'layer NAME' or 'bit WEIGHT BIT PROBABILITY', found '{line.Trim()}'");
            }
        }

        if (!magicSeen)
        {
            throw new FaultMapFormatException(path, 1, $"the file is empty; expected the first line '{Magic}'");
        }

        return new BitErrorProfile(baseRate, layers.ToDictionary(p => p.Key, p => (IReadOnlyList<ProfiledBit>)p.Value));
    }

    private static int Whole(string text, string? path, int line, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FaultMapFormatException(path, line, $"the {what} '{text}' is not a whole number of plain digits");

    private static double Probability(string text, string? path, int line, string what) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1
            ? value
            : throw new FaultMapFormatException(path, line, $"the {what} '{text}' is not a probability in [0, 1] (a decimal fraction such as 0.25 or 1E-05)");
}
