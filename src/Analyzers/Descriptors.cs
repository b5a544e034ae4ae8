using System.Collections.Generic;
using System.Collections.Immutable;
using MapDsl.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace MapDsl.Analyzers
{
    /// <summary>
    /// The descriptor catalog: one Roslyn descriptor per ID of <see cref="DiagnosticCatalog"/>.
    /// Declared as plain fields so that release tracking (AnalyzerReleases.*.md) can see them.
    /// </summary>
    internal static partial class Descriptors
    {
        private const string Syntax = "MapDsl.Syntax";
        private const string Names = "MapDsl.Names";
        private const string Shapes = "MapDsl.Shapes";
        private const string Numbers = "MapDsl.Numbers";
        private const string Usage = "MapDsl.Usage";

        public static readonly DiagnosticDescriptor SyntaxError = Error(DiagnosticCatalog.SyntaxError, "Syntax error", Syntax);

        public static readonly DiagnosticDescriptor DuplicateName = Error(DiagnosticCatalog.DuplicateName, "Name declared twice", Names);

        public static readonly DiagnosticDescriptor UndeclaredReference = Error(DiagnosticCatalog.UndeclaredReference, "Reference to an undeclared name", Names);

        public static readonly DiagnosticDescriptor SystemName = new(
            DiagnosticCatalog.SystemName, "Declaration named like a System type", "{0}", Names, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(DiagnosticCatalog.SystemName));

        public static readonly DiagnosticDescriptor InvalidTileShape = Error(DiagnosticCatalog.InvalidTileShape, "Invalid tile shape", Shapes);

        public static readonly DiagnosticDescriptor InvalidLayerShape = Error(DiagnosticCatalog.InvalidLayerShape, "Invalid layer shape", Shapes);

        public static readonly DiagnosticDescriptor UnsupportedScheme = Error(DiagnosticCatalog.UnsupportedScheme, "Scheme not supported by the target", Shapes);

        public static readonly DiagnosticDescriptor OffsetEvenLevels = new(
            DiagnosticCatalog.OffsetEvenLevels, "Offset mapping on an even number of levels", "{0}", Shapes, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(DiagnosticCatalog.OffsetEvenLevels));

        public static readonly DiagnosticDescriptor RateOutOfRange = Error(DiagnosticCatalog.RateOutOfRange, "Rate or sparsity out of range", Numbers);

        public static readonly DiagnosticDescriptor InvalidNumber = Error(DiagnosticCatalog.InvalidNumber, "Invalid number", Numbers);

        public static readonly DiagnosticDescriptor UnusedDeclaration = new(
            DiagnosticCatalog.UnusedDeclaration, "Declaration not used by any mapping", "{0}", Usage, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(DiagnosticCatalog.UnusedDeclaration));

        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            SyntaxError, DuplicateName, UndeclaredReference, SystemName, InvalidTileShape, InvalidLayerShape, UnsupportedScheme, OffsetEvenLevels, RateOutOfRange, InvalidNumber, UnusedDeclaration);

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

        public static DiagnosticDescriptor For(string id) => ById[id];

        /// <summary>
        /// Where the rule pages live: docs/diagnostics of the repository named by RepositoryUrl in
        /// Directory.Build.props. Absolute, because an IDE opens a help link as is, and a relative
        /// one means nothing outside this clone.
        /// </summary>
        public const string HelpLinkBase = "https://example.invalid/mapdsl/blob/main/docs/diagnostics/";

        /// <summary>Each rule is explained on a page under docs/diagnostics of the repository.</summary>
        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private static DiagnosticDescriptor Error(string id, string title, string category) =>
            new(id, title, "{0}", category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
        {
            var index = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var descriptor in All)
            {
                index.Add(descriptor.Id, descriptor);
            }

            return index;
        }
    }
}
