using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using MapDsl.Generator.Binding;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MapDsl.Analyzers
{
    /// <summary>
    /// Reports the problems of the project's .xmap files at their file, line and column. All files
    /// are parsed and bound once per compilation (references cross files); each file's action then
    /// reports the problems that lie in that file.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class XmapAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The namespace of files without a namespace declaration when the project sets none (as the generator).</summary>
        public const string FallbackNamespace = "MapDsl.Generated";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var files = start.Options.AdditionalFiles.Where(static f => IsXmap(f.Path)).ToImmutableArray();
                if (files.IsEmpty)
                {
                    return;
                }

                var rootNamespace = RootNamespaceOf(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
                var program = new Lazy<BoundProgram>(() => BindAll(files, rootNamespace, start.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterAdditionalFileAction(fileContext => Report(fileContext, program.Value));
            });
        }

        private static BoundProgram BindAll(ImmutableArray<AdditionalText> files, string rootNamespace, CancellationToken cancellationToken)
        {
            var documents = files.Select(file => XmapParser.Parse(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty));
            return Binder.Bind(documents.ToList(), rootNamespace, cancellationToken);
        }

        private static void Report(AdditionalFileAnalysisContext context, BoundProgram program)
        {
            var file = context.AdditionalFile;
            if (!IsXmap(file.Path))
            {
                return;
            }

            var text = file.GetText(context.CancellationToken) ?? SourceText.From(string.Empty);
            foreach (var diagnostic in program.Diagnostics.Where(d => d.Path == file.Path))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.For(diagnostic.Id), LocationOf(file.Path, text, diagnostic.Span), diagnostic.Message));
            }
        }

        internal static Location LocationOf(string path, SourceText text, SourceSpan span)
        {
            var start = Math.Min(span.Start, text.Length);
            var end = Math.Min(span.End, text.Length);
            var textSpan = TextSpan.FromBounds(start, end);
            return Location.Create(path, textSpan, text.Lines.GetLinePositionSpan(textSpan));
        }

        private static bool IsXmap(string path) => path.EndsWith(".xmap", StringComparison.OrdinalIgnoreCase);

        private static string RootNamespaceOf(AnalyzerConfigOptions options) =>
            options.TryGetValue("build_property.RootNamespace", out var ns) && !string.IsNullOrWhiteSpace(ns) ? ns : FallbackNamespace;
    }
}
