using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// An .xmap file of the workspace: open in the editor (its text as the editor sees it) or read from
/// disk. The parse is made with the generator's own parser, keyed by <see cref="Path"/> as a build
/// would key it, so that messages naming another file read the same in the editor and in a build.
/// Files read from disk are parsed only when a feature first needs them.
/// </summary>
internal sealed class XmapFile
{
    private readonly Lazy<XmapDocument> _syntax;
    private readonly Lazy<LineMap> _lines;

    public XmapFile(string uri, int? version, string text, bool isOpen)
    {
        Uri = uri;
        Version = version;
        IsOpen = isOpen;
        Path = DocumentPaths.PathOf(uri);
        Text = text;
        _syntax = new Lazy<XmapDocument>(() => XmapParser.Parse(Path, text));
        _lines = new Lazy<LineMap>(() => new LineMap(text));
    }

    public string Uri { get; }

    /// <summary>The editor's version of an open file; null for a file read from disk.</summary>
    public int? Version { get; }

    public bool IsOpen { get; }

    /// <summary>The file system path of a <c>file:</c> URI, else the URI itself.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>Lines and UTF-16 characters as the editor counts them.</summary>
    public LineMap Lines => _lines.Value;

    public XmapDocument Syntax => _syntax.Value;
}
