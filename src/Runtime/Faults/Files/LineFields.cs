using System.Globalization;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>Reads the words of one line as the values a keyword expects, failing with that line's number.</summary>
internal readonly struct LineFields(SourceLine line, string? path)
{
    public SourceLine Line => line;

    public string this[int index] => line.Words[index];

    public FaultMapFormatException Error(string problem) => new(path, line.Number, problem);

    /// <summary>Checks the number of words and the fixed words of <paramref name="usage"/>; <c>&lt;...&gt;</c> marks a value.</summary>
    public void ExpectForm(string usage)
    {
        string[] form = usage.Split(' ');
        bool fits = form.Length == line.Words.Length;
        for (int i = 0; fits && i < form.Length; i++)
        {
            fits = form[i].StartsWith('<') || form[i] == line.Words[i];
        }

        if (!fits)
        {
            throw Error($"malformed '{line.Keyword}' line '{line.Text}': expected '{usage}'.");
        }
    }

    public int Count(int index, string what)
    {
        if (!int.TryParse(line.Words[index], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"malformed number '{line.Words[index]}' for the {what}: expected a whole number from 0 to {int.MaxValue}.");
        }

        return value;
    }

    public ulong Seed(int index)
    {
        if (!ulong.TryParse(line.Words[index], NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            throw Error($"malformed number '{line.Words[index]}' for the seed: expected a whole number from 0 to {ulong.MaxValue}.");
        }

        return value;
    }

    public double Rate(int index, string what)
    {
        if (!double.TryParse(line.Words[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw Error($"malformed number '{line.Words[index]}' for the {what} rate: expected a decimal fraction such as 0.001.");
        }

        return value;
    }
}
