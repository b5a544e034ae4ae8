using CsCheck;
using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>
/// Random sessions (CsCheck): opens, closes, incremental and whole-text changes at random places with
/// random text (line breaks of every kind, non-ASCII, fragments of the language), and requests of every
/// kind at random positions, some outside the text or in documents that are not open. After every step
/// the server must still answer, and the diagnostics of every open document must be those a build
/// reports for the texts the editor holds (computed here independently: edits applied by
/// <see cref="Edits"/>, diagnostics by the real analyzer). A failure prints the seed and the shrunk session.
/// </summary>
public sealed class RandomEditTests
{
    private static readonly string[] Uris = ["file:///tmp/lsp-fuzz/a.xmap", "file:///tmp/lsp-fuzz/b.xmap"];

    private static readonly string[] Starts =
    [
        string.Empty,
        File.ReadAllText(RepositoryFiles.Path("examples/xmap/lenet5.xmap")),
        File.ReadAllText(RepositoryFiles.Path("examples/xmap/resnet8.xmap")),
        "namespace Lab.LeNet;\r\n\r\nmapping M: LeNet5 -> Rram128 {\r\n    scheme offset;\r\n    pruning Sparse;\r\n}\r\n",
    ];

    private static readonly string[] Fragments =
    [
        " ", "\n", "\r\n", "\r", "{", "}", ";", ":", ".", "%", "->", "//", "é", "µ", "0", "50", "8x8", "x",
        "network N", "crossbar C", "mapping M: N -> C", "pruning P for N", "faults F", "residual r", "namespace Lab.LeNet;",
        "input 16", "dense a 4", "conv c 2 kernel 3x3", "size 8 x 8", "levels 3", "scheme offset", "scheme differential",
        "a: rows 50", "*: unstructured 50%", "r.a", "stuck-on 2", "LeNet5", "Rram128", "c2", "f1", "Sparse", "shortcut",
    ];

    private static readonly string[] Methods =
        ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/documentSymbol", "textDocument/codeAction"];

    private static readonly Gen<string> Inserted = Gen.OneOf(Fragments).Array[0, 6].Select(string.Concat);

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (2, Gen.Select(Gen.Int[0, 1], Gen.Int[0, Starts.Length - 1], (doc, start) => (Step)new Open(doc, start))),
        (1, Gen.Int[0, 1].Select(doc => (Step)new Close(doc))),
        (8, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 45], Gen.Int[0, 50], Gen.Int[0, 45], Gen.Int[0, 50], Inserted, (doc, l1, c1, l2, c2, text) => (Step)new Edit(doc, l1, c1, l2, c2, text))),
        (1, Gen.Select(Gen.Int[0, 1], Inserted, Gen.Int[0, Starts.Length - 1], (doc, text, start) => (Step)new Replace(doc, Starts[start][..(Starts[start].Length / 2)] + text))),
        (4, Gen.Select(Gen.Int[0, 1], Gen.OneOf(Methods), Gen.Int[-2, 45], Gen.Int[-2, 60], (doc, method, line, character) => (Step)new Request(doc, method, line, character))));

    [Fact]
    public async Task Random_sessions_never_break_the_server_and_keep_its_diagnostics_those_of_a_build()
    {
        // Both documents open first, so that most edits land in an open document.
        var opens = Gen.Select(Gen.Int[0, Starts.Length - 1], Gen.Int[0, Starts.Length - 1], (a, b) => new List<Step> { new Open(0, a), new Open(1, b) });
        var sessions = Gen.Select(opens, Steps.List[1, 15], (first, rest) => (List<Step>)[.. first, .. rest]);
        await sessions.SampleAsync(RunAsync, iter: 40, threads: 1);
    }

    private static async Task RunAsync(List<Step> steps)
    {
        var texts = new Dictionary<int, string>();
        var version = 0;
        await using var client = await LspClient.StartAsync();
        foreach (var step in steps)
        {
            switch (step)
            {
                case Open open:
                    texts[open.Doc] = Starts[open.Start];
                    await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uris[open.Doc], languageId = "xmap", version = ++version, text = Starts[open.Start] } });
                    break;
                case Close close:
                    texts.Remove(close.Doc);
                    await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uris[close.Doc] } });
                    break;
                case Edit edit:
                    if (texts.TryGetValue(edit.Doc, out var before))
                    {
                        texts[edit.Doc] = Apply(before, edit);
                    }

                    await client.NotifyAsync("textDocument/didChange", new
                    {
                        textDocument = new { uri = Uris[edit.Doc], version = ++version },
                        contentChanges = new[] { LspClient.Edit((edit.StartLine, edit.StartCharacter), (edit.EndLine, edit.EndCharacter), edit.Text) },
                    });
                    break;
                case Replace replace:
                    if (texts.ContainsKey(replace.Doc))
                    {
                        texts[replace.Doc] = replace.Text;
                    }

                    await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uris[replace.Doc], version = ++version }, contentChanges = new[] { new { text = replace.Text } } });
                    break;
                case Request request:
                    var position = new { line = request.Line, character = request.Character };
                    await client.RequestAsync(request.Method, new
                    {
                        textDocument = new { uri = Uris[request.Doc] },
                        position,
                        range = new { start = position, end = position },
                        context = new { includeDeclaration = true, diagnostics = Array.Empty<object>() },
                    });
                    break;
            }

            await ShouldMatchBuild(client, texts, ++version);
        }
    }

    /// <summary>Waits until the server has handled every message so far (an empty change is a barrier), then compares.</summary>
    private static async Task ShouldMatchBuild(LspClient client, Dictionary<int, string> texts, int barrier)
    {
        if (texts.Count == 0)
        {
            return;
        }

        await client.ChangeAsync(Uris[texts.Keys.Min()], barrier);
        var expected = await AnalyzerRun.DiagnosticsAsync([.. texts.Select(t => (new Uri(Uris[t.Key]).LocalPath, t.Value))]);
        var published = texts.Keys.SelectMany(doc => client.DiagnosticsOf(Uris[doc]));
        published.Select(d => d.ToString() + " " + d.Uri).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Select(d => d.ToString() + " " + d.Uri).Order(StringComparer.Ordinal));
        Uris.Where((_, doc) => !texts.ContainsKey(doc)).SelectMany(client.DiagnosticsOf).ShouldBeEmpty();
    }

    // The editor's side, independent of the server: offsets by Edits.OffsetOf, a reversed range taken as the span between.
    private static string Apply(string text, Edit edit)
    {
        var start = Edits.OffsetOf(text, (edit.StartLine, edit.StartCharacter));
        var end = Edits.OffsetOf(text, (edit.EndLine, edit.EndCharacter));
        (start, end) = (Math.Min(start, end), Math.Max(start, end));
        return text[..start] + edit.Text + text[end..];
    }

    public abstract record Step;

    public sealed record Open(int Doc, int Start) : Step;

    public sealed record Close(int Doc) : Step;

    public sealed record Edit(int Doc, int StartLine, int StartCharacter, int EndLine, int EndCharacter, string Text) : Step;

    public sealed record Replace(int Doc, string Text) : Step;

    public sealed record Request(int Doc, string Method, int Line, int Character) : Step;
}
