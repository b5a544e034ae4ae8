namespace MapDsl.Generator.Diagnostics
{
    /// <summary>
    /// The IDs of the .xmap diagnostics. They are part of the language contract and are never
    /// reused. Severity, title and category live with the Roslyn descriptors in the analyzers
    /// (MapDsl.Analyzers.Descriptors); adding a rule means a constant here, a descriptor there, a
    /// page under docs/diagnostics and a line in AnalyzerReleases.Unshipped.md.
    /// </summary>
    internal static class DiagnosticCatalog
    {
        /// <summary>XMAP0001: a syntax error (the message says what was expected).</summary>
        public const string SyntaxError = "XMAP0001";

        /// <summary>XMAP0002: a name declared twice.</summary>
        public const string DuplicateName = "XMAP0002";

        /// <summary>XMAP0003: a reference to an undeclared network, target, pruning or layer.</summary>
        public const string UndeclaredReference = "XMAP0003";

        /// <summary>XMAP0004 (warning): a declaration named like a System type that C# code uses unqualified (Math, Random, Half...).</summary>
        public const string SystemName = "XMAP0004";

        /// <summary>XMAP0101: a pruning block, pattern or target size that does not divide or fit the tile.</summary>
        public const string InvalidTileShape = "XMAP0101";

        /// <summary>XMAP0102: a kernel larger than its input, a non-positive output size, an input missing.</summary>
        public const string InvalidLayerShape = "XMAP0102";

        /// <summary>XMAP0103: a scheme that the target cannot hold.</summary>
        public const string UnsupportedScheme = "XMAP0103";

        /// <summary>XMAP0104 (warning): offset mapping on a crossbar with an even number of levels, where zero is not a level.</summary>
        public const string OffsetEvenLevels = "XMAP0104";

        /// <summary>XMAP0201: a rate or sparsity outside 0..100%.</summary>
        public const string RateOutOfRange = "XMAP0201";

        /// <summary>XMAP0202: an invalid number (levels, bits, conductance range, zero size).</summary>
        public const string InvalidNumber = "XMAP0202";

        /// <summary>XMAP0301 (warning): a pruning or target that no mapping uses.</summary>
        public const string UnusedDeclaration = "XMAP0301";

        /// <summary>
        /// Whether a rule is a warning: the generated code of its declaration is still emitted. Every other rule is an
        /// error, whose declaration becomes a stand-in. The analyzers' descriptors give the same severities (tested).
        /// </summary>
        public static bool IsWarning(string id) => id is SystemName or OffsetEvenLevels or UnusedDeclaration;
    }
}
