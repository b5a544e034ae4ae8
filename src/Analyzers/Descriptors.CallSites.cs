using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MapDsl.Analyzers
{
    /// <summary>
    /// The XMAP1xxx descriptors: mistakes in C# code that calls the generated API or the runtime, reported at the call.
    /// Each one is a call that is certain to throw at run time, so each is an error: the build finds it, not the
    /// campaign an hour in.
    /// </summary>
    internal static partial class Descriptors
    {
        private const string CallSites = "MapDsl.CallSites";

        /// <summary>The name of the diagnostic property holding the fraction a percentage-like rate most likely meant.</summary>
        public const string FractionProperty = "Fraction";

        public static readonly DiagnosticDescriptor RateWrittenAsPercentage = CallSiteError(
            "XMAP1001", "Fault rate written as a percentage", "{0} rate {1} is above 1; fault rates are fractions: did you mean {2}?");

        public static readonly DiagnosticDescriptor FaultRateOutOfRange = CallSiteError(
            "XMAP1002", "Fault rate outside 0..1", "{0}");

        public static readonly DiagnosticDescriptor ArrayLengthMismatch = CallSiteError(
            "XMAP1003", "Array of the wrong length for a generated parameter", "Parameter '{0}' of {1} takes exactly {2} values; this array has {3}");

        public static readonly DiagnosticDescriptor FaultMapOfAnotherMapping = CallSiteError(
            "XMAP1004", "Fault map sampled for another mapping", "Mapping {0} cannot inject a fault map sampled by mapping {1}: a fault map only fits the mapping that sampled it (use {0}.SampleFaults)");

        /// <summary>Every XMAP1xxx descriptor, in ID order (apart from <see cref="All"/>, which the .xmap analyzer reports).</summary>
        public static ImmutableArray<DiagnosticDescriptor> CallSiteRules { get; } = ImmutableArray.Create(
            RateWrittenAsPercentage, FaultRateOutOfRange, ArrayLengthMismatch, FaultMapOfAnotherMapping);

        private static DiagnosticDescriptor CallSiteError(string id, string title, string message) =>
            new(id, title, message, CallSites, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
    }
}
