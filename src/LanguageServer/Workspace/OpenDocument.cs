using MapDsl.Generator.Parsing;
using Microsoft.CodeAnalysis.Text;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// An .xmap file the editor has open: its text as the editor sees it and its parse. The parse is
/// made with the generator's own parser, keyed by <see cref="Path"/> as a build would key it, so
/// that messages naming another file read the same in the editor and in a build.
/// </summary>
internal sealed class OpenDocument
{
    public OpenDocument(string uri, int version, string text)
    {
        Uri = uri;
        Version = version;
        Path = DocumentPaths.PathOf(uri);
        Text = SourceText.From(text);
        Syntax = XmapParser.Parse(Path, text);
    }

    public string Uri { get; }

    public int Version { get; }

    /// <summary>The file system path of a <c>file:</c> URI, else the URI itself.</summary>
    public string Path { get; }

    /// <summary>Roslyn's text, so lines and columns are counted exactly as the analyzers count them.</summary>
    public SourceText Text { get; }

    public XmapDocument Syntax { get; }
}
