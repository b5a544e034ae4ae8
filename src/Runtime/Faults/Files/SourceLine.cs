namespace MapDsl.Runtime.Faults.Files;

/// <summary>One non-blank line of a fault map file: its 1-based number and its words, comments removed.</summary>
internal readonly record struct SourceLine(int Number, string[] Words)
{
    public string Keyword => Words[0];

    public string Text => string.Join(' ', Words);
}
