namespace MapDsl.LanguageServer.Protocol;

// Where things are, in LSP terms: 0-based lines and UTF-16 characters.

public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);
