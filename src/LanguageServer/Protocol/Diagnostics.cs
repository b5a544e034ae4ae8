namespace MapDsl.LanguageServer.Protocol;

/// <summary>An LSP diagnostic; <see cref="Code"/> is the XMAP rule ID.</summary>
public sealed record Diagnostic(Range Range, int Severity, string Code, CodeDescription? CodeDescription, string Source, string Message);

public sealed record CodeDescription(string Href);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, Diagnostic[] Diagnostics);

/// <summary>LSP's <c>DiagnosticSeverity</c>.</summary>
public static class DiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}
