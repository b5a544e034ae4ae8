using System;
using System.Collections.Immutable;
using System.Linq;
using MapDsl.Generator.Model;
using System.IO;
using MapDsl.Generator.Binding;
using MapDsl.Generator.Emit;
using MapDsl.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator
{
    /// <summary>
    /// Turns the project's .xmap files into C#: parse each file, bind them all together, then emit
    /// one file per declaration. Problems are reported by the analyzers, not here; a declaration
    /// with errors produces a stand-in of its name (see <see cref="Emit.StandInEmitter"/>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class XmapGenerator : IIncrementalGenerator
    {
        /// <summary>The namespace of files without a namespace declaration when the project sets none.</summary>
        public const string FallbackNamespace = "MapDsl.Generated";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var documents = context.AdditionalTextsProvider
                .Where(static file => IsXmap(file.Path))
                .Select(static (file, cancellationToken) =>
                    XmapParser.Parse(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty))
                .WithTrackingName(TrackingNames.Parse);

            var rootNamespace = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => RootNamespaceOf(options.GlobalOptions))
                .WithTrackingName(TrackingNames.RootNamespace);

            var program = documents.Collect()
                .Combine(rootNamespace)
                .Select(static (input, cancellationToken) => Binder.Bind(input.Left, input.Right, cancellationToken))
                .WithTrackingName(TrackingNames.Bind);

            // Declarations with errors are emitted too, as stand-ins, so that C# naming them compiles and the build leads with the XMAP error.
            var declarations = program
                .SelectMany(static (bound, _) => bound.Declarations.Concat<DeclarationModel>(bound.StandIns))
                .WithTrackingName(TrackingNames.Declarations);

            context.RegisterSourceOutput(declarations, static (output, declaration) =>
                output.AddSource(declaration.HintName, Emitter.Emit(declaration)));
        }

        internal static bool IsXmap(string path) => path.EndsWith(".xmap", StringComparison.OrdinalIgnoreCase);

        internal static string RootNamespaceOf(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options) =>
            options.TryGetValue("build_property.RootNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns) ? ns : FallbackNamespace;
    }
}
