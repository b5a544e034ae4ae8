using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MapDsl.LanguageServer;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace MapDsl.Benchmarks;

/// <summary>
/// `lsp`: keystroke to diagnostics in the language server. A generated .xmap file of at least 2,000 lines
/// (LeNet-5-sized networks, their prunings and mappings) is opened in the real server, run in process and
/// driven over a stream pair exactly as an editor drives it over stdio; then each keystroke is one
/// incremental <c>didChange</c> (a character typed at a seeded random place, then deleted again, so that
/// half the keystrokes leave a syntax or binding error behind and half repair it), timed from sending the
/// change until the <c>publishDiagnostics</c> of that version arrives. Last line:
/// `lsp keystroke-to-diagnostics p95: &lt;x&gt; ms`.
/// </summary>
internal static class LspBench
{
    private const string Uri = "file:///bench/lsp/generated.xmap";
    private const int Warmup = 40;
    private const int Keystrokes = 400;

    public static async Task<int> RunAsync()
    {
        var text = GeneratedFile(minimumLines: 2000);
        var lines = text.Split('\n');
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var server = Task.Run(() => LanguageServerHost.RunAsync(serverStream, serverStream));
        var inbox = new Inbox();
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter()));
        rpc.AddLocalRpcTarget(inbox);
        rpc.StartListening();
        await rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = new { } });
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });

        var version = 1;
        var opened = inbox.WaitFor(version);
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "xmap", version, text } });
        var initial = await opened;
        Console.WriteLine($"lsp: generated file of {lines.Length - 1:N0} lines, {text.Length:N0} characters, {initial} diagnostics when opened; in-process server over a stream pair");

        var random = new Random(42);
        var samples = new List<double>();
        var cpu = TimeSpan.Zero;
        var withErrors = 0;
        for (var keystroke = 0; keystroke < Warmup + Keystrokes; keystroke += 2)
        {
            // Type one character somewhere, then take it back: the file returns to its valid state every second keystroke.
            var line = random.Next(lines.Length - 1);
            var character = random.Next(lines[line].Length + 1);
            var typed = "a1;{ x"[random.Next(6)].ToString();
            foreach (var (start, end, newText) in new[] { (character, character, typed), (character, character + 1, string.Empty) })
            {
                var published = inbox.WaitFor(++version);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new
                {
                    textDocument = new { uri = Uri, version },
                    contentChanges = new[] { new { range = new { start = new { line, character = start }, end = new { line, character = end } }, text = newText } },
                });
                var count = await published;
                if (keystroke >= Warmup)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    withErrors += count > initial ? 1 : 0;
                }
            }
        }

        await rpc.InvokeWithParameterObjectAsync<JsonElement>("shutdown", new { });
        await rpc.NotifyWithParameterObjectAsync("exit", new { });
        await server;

        samples.Sort();
        Console.WriteLine($"{samples.Count} keystrokes after {Warmup} of warm-up ({withErrors} left a new diagnostic), keystroke → publishDiagnostics:");
        Console.WriteLine($"  median {Format(Percentile(samples, 0.5))} ms, p95 {Format(Percentile(samples, 0.95))} ms, max {Format(samples[^1])} ms, mean {Format(samples.Average())} ms");
        Console.WriteLine($"  CPU time of the process (server and client) per keystroke: {Format(cpu.TotalMilliseconds / samples.Count)} ms; of the generator's parse and bind alone: {Format(ParseMilliseconds(text))} ms and {Format(BindMilliseconds(text))} ms");
        Console.WriteLine($"lsp keystroke-to-diagnostics p95: {Format(Percentile(samples, 0.95))} ms");
        return 0;
    }

    /// <summary>Declarations of one namespace, repeated until the file has <paramref name="minimumLines"/> lines; valid as a whole.</summary>
    internal static string GeneratedFile(int minimumLines)
    {
        var text = new StringBuilder("namespace Bench.Lsp;\n\ncrossbar Rram128 {\n    size 128 x 128;\n    levels 15;\n    conductance 1uS .. 100uS;\n}\n\nfaults Chip {\n    stuck-on 1%;\n    stuck-off 0.5%;\n}\n");
        for (var i = 0; CountLines(text) < minimumLines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""

                network Net{{i}} {
                    input 1 x 28 x 28;
                    conv c1 6 kernel 5x5 pad 2;
                    relu;
                    maxpool 2x2;
                    conv c2 16 kernel 5x5;
                    relu;
                    maxpool 2x2;
                    dense f1 {{100 + i}};
                    relu;
                    dense f2 84;
                    relu;
                    dense f3 10;
                }

                pruning Sparse{{i}} for Net{{i}} {
                    c1: none;
                    c2: blocks 8x8 50%;
                    f1: columns 60%;
                    *: unstructured 80%;
                }

                mapping Map{{i}}: Net{{i}} -> Rram128 {
                    scheme differential;
                    pruning Sparse{{i}};
                }

                """);
        }

        return text.ToString();
    }

    // Thread CPU time, median of 20: what the server's two generator stages cost whatever the machine's load.
    private static double ParseMilliseconds(string text) => MedianCpu(() => MapDsl.Generator.Parsing.XmapParser.Parse("/bench/lsp/generated.xmap", text));

    private static double BindMilliseconds(string text)
    {
        var document = MapDsl.Generator.Parsing.XmapParser.Parse("/bench/lsp/generated.xmap", text);
        return MedianCpu(() => MapDsl.Generator.Binding.Binder.Bind([document], "Bench"));
    }

    private static double MedianCpu(Action action)
    {
        PhaseClock.ThreadCpuTime = true;
        var times = new List<double>();
        for (var i = 0; i < 23; i++)
        {
            var start = PhaseClock.Now();
            action();
            if (i >= 3)
            {
                times.Add((PhaseClock.Now() - start) * 1000.0 / PhaseClock.Frequency);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static int CountLines(StringBuilder text)
    {
        var count = 0;
        foreach (var chunk in text.GetChunks())
        {
            count += chunk.Span.Count('\n');
        }

        return count;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Format(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Receives publishDiagnostics; completes the waiter of a version with its diagnostic count.</summary>
    private sealed class Inbox
    {
        private readonly object _gate = new();
        private readonly Dictionary<int, TaskCompletionSource<int>> _waiting = new();

        public Task<int> WaitFor(int version)
        {
            lock (_gate)
            {
                var waiter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[version] = waiter;
                return waiter.Task;
            }
        }

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void Publish(JsonElement parameters)
        {
            if (!parameters.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                return;
            }

            lock (_gate)
            {
                if (_waiting.Remove(version.GetInt32(), out var waiter))
                {
                    waiter.TrySetResult(parameters.GetProperty("diagnostics").GetArrayLength());
                }
            }
        }
    }
}
