using MapDsl.LanguageServer;

// mapdsl-lsp --stdio: the only transport of this increment. stdout carries the protocol, so
// anything meant for a person goes to stderr.
if (args.Length > 0 && args[0] is "--help" or "-h")
{
    Console.Error.WriteLine("usage: mapdsl-lsp [--stdio]   Language server for .xmap files, LSP over stdin/stdout.");
    return 0;
}

if (args.Any(a => a != "--stdio"))
{
    Console.Error.WriteLine($"mapdsl-lsp: unknown option {args.First(a => a != "--stdio")}; only --stdio is supported.");
    return 2;
}

return await LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput());
