namespace MapDsl.LanguageServer.Protocol;

/// <summary>One node of the outline: <see cref="SelectionRange"/> is the name, <see cref="Range"/> the whole declaration.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, DocumentSymbol[]? Children);

/// <summary>The LSP <c>SymbolKind</c> values this server uses.</summary>
public static class SymbolKind
{
    public const int Module = 2;
    public const int Class = 5;
    public const int Property = 7;
    public const int Field = 8;
    public const int Function = 12;
    public const int Object = 19;
    public const int Struct = 23;
    public const int Event = 24;
}
