namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// Checks what surrounds the content of a fault map file (the magic line with the version, the final checksum line and
/// its SHA-256) and hands back the content lines. Done before the content is read, so a damaged or cut-off file is
/// reported as such rather than as whatever odd line the damage produced.
/// </summary>
internal static class FaultMapEnvelope
{
    private const int ShownCharacters = 60;

    /// <summary>The non-blank lines between the magic line and the checksum line.</summary>
    public static (List<SourceLine> Body, int ChecksumLine) Open(string text, string? path)
    {
        string[] lines = text.Split('\n'); // a complete file ends with '\n', so the last entry is then empty
        CheckMagic(lines[0], lines.Length == 1, path);
        if (!text.EndsWith('\n'))
        {
            throw new FaultMapFormatException(path, lines.Length,
                $"the file ends inside line {lines.Length}, without a newline: it was cut short (a complete file ends with the checksum line and a newline).");
        }

        int lineCount = lines.Length - 1;
        var body = new List<SourceLine>();
        int offset = lines[0].Length + 1;
        for (int index = 1; index < lineCount; index++)
        {
            int number = index + 1;
            string[] words = FaultMapSyntax.Words(lines[index]);
            if (words.Length > 0 && words[0] == FaultMapSyntax.Checksum)
            {
                if (number != lineCount)
                {
                    throw new FaultMapFormatException(path, number + 1,
                        $"nothing may follow the checksum line (line {number}), because the checksum does not cover it.");
                }

                CheckChecksum(words, text[..offset], number, path);
                return (body, number);
            }

            if (words.Length > 0)
            {
                body.Add(new SourceLine(number, words));
            }

            offset += lines[index].Length + 1;
        }

        throw new FaultMapFormatException(path, lineCount + 1,
            $"the file has no checksum line after its {lineCount} lines: it is truncated or was not finished (the last line must be '{FaultMapSyntax.Checksum} {FaultMapSyntax.Sha256} <64 hex digits>').");
    }

    private static void CheckMagic(string firstLine, bool isOnlyLine, string? path)
    {
        // A byte order mark (some Windows editors add one) is tolerated; it still counts towards the checksum.
        string[] words = FaultMapSyntax.Words(firstLine.TrimStart('\uFEFF'));
        if (words is [FaultMapSyntax.Magic, var version])
        {
            if (version == FaultMapSyntax.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return;
            }

            if (int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw new FaultMapFormatException(path, 1,
                    $"unsupported fault map version {version}: this MapDsl reads version {FaultMapSyntax.Version} only.");
            }
        }

        if (isOnlyLine && FaultMapSyntax.MagicLine.StartsWith(firstLine.TrimStart('\uFEFF').TrimEnd('\r'), StringComparison.Ordinal))
        {
            throw new FaultMapFormatException(path, 1, firstLine.Length == 0
                ? $"the file is empty; a fault map starts with '{FaultMapSyntax.MagicLine}'."
                : "the file ends inside line 1, without a newline: it was cut short.");
        }

        throw new FaultMapFormatException(path, 1,
            $"not a MapDsl fault map: the first line must be '{FaultMapSyntax.MagicLine}', but it is '{Shown(firstLine)}'.");
    }

    private static void CheckChecksum(string[] words, string content, int number, string? path)
    {
        if (words.Length >= 2 && words[1] != FaultMapSyntax.Sha256)
        {
            throw new FaultMapFormatException(path, number,
                $"unsupported checksum algorithm '{words[1]}': version {FaultMapSyntax.Version} uses '{FaultMapSyntax.Sha256}'.");
        }

        if (words.Length != 3 || !FaultMapChecksum.IsHex(words[2]))
        {
            throw new FaultMapFormatException(path, number,
                $"malformed checksum line '{Shown(string.Join(' ', words))}': expected '{FaultMapSyntax.Checksum} {FaultMapSyntax.Sha256}' and {FaultMapChecksum.HexLength} hex digits.");
        }

        string found = words[2].ToLowerInvariant();
        string actual = FaultMapChecksum.Of(content);
        if (found != actual)
        {
            throw new FaultMapFormatException(path, number,
                $"checksum mismatch: the file says sha256 {found}, but the content before the checksum line hashes to {actual}. "
                + "The file was changed or damaged after it was written; if you edited it on purpose, recompute the checksum.");
        }
    }

    private static string Shown(string line)
    {
        string printable = new(line.TrimEnd('\r').Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length <= ShownCharacters ? printable : printable[..ShownCharacters] + "...";
    }
}
