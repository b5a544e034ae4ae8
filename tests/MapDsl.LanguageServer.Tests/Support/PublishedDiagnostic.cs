namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>One diagnostic as the editor shows it: file, rule, 0-based range, LSP severity, message.</summary>
internal sealed record PublishedDiagnostic(string Uri, string Id, int StartLine, int StartCharacter, int EndLine, int EndCharacter, int Severity, string Message)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Uri)} {Id} ({StartLine},{StartCharacter})-({EndLine},{EndCharacter}) s{Severity}: {Message}";
}
