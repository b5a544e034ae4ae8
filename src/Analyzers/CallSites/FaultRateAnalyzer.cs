using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapDsl.Analyzers.CallSites
{
    /// <summary>
    /// Constant fault rates that <c>FaultRates</c> is certain to reject: a rate between 1 and 100, almost always a
    /// percentage written where a fraction is expected (XMAP1001, with a fix: 2 becomes 0.02), any other rate outside
    /// 0..1, and constant stuck-on and stuck-off rates adding up to more than 1 (XMAP1002). Looks at the constructor's
    /// arguments, <c>With(kind, rate)</c> and the init-only properties (<c>rates with { Pe = 2 }</c>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FaultRateAnalyzer : DiagnosticAnalyzer
    {
        private const string FaultRatesType = "MapDsl.Runtime.Faults.FaultRates";
        private const string FaultKindType = "MapDsl.Runtime.Faults.FaultKind";

        // The same slack as FaultRates: decimal fractions such as 0.7 + 0.3 may add up to a hair above 1 in binary.
        private const double SumTolerance = 1e-12;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.RateWrittenAsPercentage, Descriptors.FaultRateOutOfRange);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var rates = start.Compilation.GetTypeByMetadataName(FaultRatesType);
                if (rates is null)
                {
                    // Not a project that uses the runtime: nothing to look at.
                    return;
                }

                var kinds = start.Compilation.GetTypeByMetadataName(FaultKindType);
                start.RegisterOperationAction(c => AnalyzeCreation(c, rates), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeWith(c, rates, kinds), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeInit(c, rates), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol rates)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Constructor?.ContainingType, rates))
            {
                return;
            }

            var explicitArguments = creation.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter is not null).ToList();
            var allInRange = true;
            foreach (var argument in explicitArguments)
            {
                allInRange &= CheckRate(context, argument.Value, argument.Parameter!.Name);
            }

            if (allInRange)
            {
                CheckCellsExclusive(context, explicitArguments);
            }
        }

        private static void AnalyzeWith(OperationAnalysisContext context, INamedTypeSymbol rates, INamedTypeSymbol? kinds)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "With" || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, rates))
            {
                return;
            }

            var rate = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "rate");
            var kind = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "kind");
            if (rate is not null)
            {
                CheckRate(context, rate.Value, KindName(kind?.Value, kinds));
            }
        }

        private static void AnalyzeInit(OperationAnalysisContext context, INamedTypeSymbol rates)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation property
                && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, rates)
                && property.Property.Type.SpecialType == SpecialType.System_Double)
            {
                CheckRate(context, assignment.Value, property.Property.Name);
            }
        }

        /// <returns>Whether the rate is a constant in 0..1 (only then can the stuck-on + stuck-off sum be judged).</returns>
        private static bool CheckRate(OperationAnalysisContext context, IOperation value, string name)
        {
            if (!ConstantNumber.TryGet(value, out var rate))
            {
                return false;
            }

            var location = value.Syntax.GetLocation();
            if (double.IsNaN(rate) || rate < 0 || rate > 100)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.FaultRateOutOfRange, location, $"{name} rate {Text(rate)} is outside 0..1; fault rates are per-unit probabilities"));
                return false;
            }

            if (rate > 1)
            {
                // Decimal keeps the suggestion exact: 2 becomes 0.02, not 0.020000000000000004.
                var fraction = ((decimal)rate / 100m).ToString(CultureInfo.InvariantCulture);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FractionProperty, fraction);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RateWrittenAsPercentage, location, properties, name, Text(rate), fraction));
                return false;
            }

            return true;
        }

        private static void CheckCellsExclusive(OperationAnalysisContext context, System.Collections.Generic.List<IArgumentOperation> arguments)
        {
            var stuckOn = arguments.FirstOrDefault(a => a.Parameter!.Name == "StuckOn");
            var stuckOff = arguments.FirstOrDefault(a => a.Parameter!.Name == "StuckOff");
            if (stuckOn is not null && stuckOff is not null
                && ConstantNumber.TryGet(stuckOn.Value, out var on) && ConstantNumber.TryGet(stuckOff.Value, out var off)
                && on + off > 1 + SumTolerance)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.FaultRateOutOfRange,
                    stuckOff.Value.Syntax.GetLocation(),
                    $"StuckOn {Text(on)} and StuckOff {Text(off)} add up to more than 1; a cell is stuck one way or the other, never both"));
            }
        }

        private static string KindName(IOperation? kind, INamedTypeSymbol? kinds)
        {
            if (kind is null || kinds is null || !kind.ConstantValue.HasValue)
            {
                return "The";
            }

            var field = kinds.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, kind.ConstantValue.Value));
            return field?.Name ?? "The";
        }

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
