using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapDsl.Analyzers.CallSites
{
    /// <summary>
    /// <c>A.Inject(chip, faults)</c> where the fault map visibly comes from <c>B.SampleFaults(...)</c> of another
    /// generated mapping (XMAP1004): directly as the argument, or through a local that is assigned only once, by its
    /// declaration. <c>Inject</c> rejects such a map at run time (its shape names the mapping); this finds it at the call.
    /// Fault maps stay untyped by mapping on purpose: see docs/diagnostics/XMAP1004.md.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FaultMapOwnerAnalyzer : DiagnosticAnalyzer
    {
        private const string MappingContract = "MapDsl.Runtime.Contract.IMapping";
        private const string FaultMapType = "MapDsl.Runtime.Faults.FaultMap";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.FaultMapOfAnotherMapping);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var contract = start.Compilation.GetTypeByMetadataName(MappingContract);
                var faultMap = start.Compilation.GetTypeByMetadataName(FaultMapType);
                if (contract is not null && faultMap is not null)
                {
                    start.RegisterOperationAction(c => Analyze(c, contract, faultMap), OperationKind.Invocation);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol contract, INamedTypeSymbol faultMap)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var injector = MappingOf(invocation.TargetMethod, "Inject", contract);
            if (injector is null)
            {
                return;
            }

            var faults = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.Type, faultMap));
            if (faults is null || SamplerOf(ImplicitConversions.Strip(faults.Value), contract) is not { } sampler
                || SymbolEqualityComparer.Default.Equals(sampler, injector))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.FaultMapOfAnotherMapping, faults.Value.Syntax.GetLocation(), injector.Name, sampler.Name));
        }

        /// <summary>The generated mapping whose static method <paramref name="name"/> this is, or null.</summary>
        private static INamedTypeSymbol? MappingOf(IMethodSymbol method, string name, INamedTypeSymbol contract) =>
            method.IsStatic && method.Name == name && method.ContainingType is { } type && type.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default)
                ? type
                : null;

        /// <summary>The mapping that sampled the fault map, when the code shows it; null when it cannot be known.</summary>
        private static INamedTypeSymbol? SamplerOf(IOperation value, INamedTypeSymbol contract)
        {
            switch (value)
            {
                case IInvocationOperation call:
                    return MappingOf(call.TargetMethod, "SampleFaults", contract);
                case ILocalReferenceOperation local when SingleAssignment(local) is { } initializer:
                    return SamplerOf(ImplicitConversions.Strip(initializer), contract);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The value a local was declared with, when nothing else in its body writes it (an assignment, a ref or out
        /// argument, a deconstruction); otherwise null, because the map at the call may then come from elsewhere.
        /// </summary>
        private static IOperation? SingleAssignment(ILocalReferenceOperation reference)
        {
            IOperation root = reference;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            IOperation? initializer = null;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
                {
                    initializer = declarator.Initializer?.Value;
                }
                else if (operation is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, reference.Local) && IsWritten(other))
                {
                    return null;
                }
            }

            return initializer;
        }

        private static bool IsWritten(ILocalReferenceOperation reference)
        {
            var parent = reference.Parent;
            while (parent is ITupleOperation)
            {
                // (a, b) = ... deconstructs into the tuple's elements.
                parent = parent.Parent;
            }

            return parent switch
            {
                IAssignmentOperation assignment => assignment.Target.Syntax.Span.Contains(reference.Syntax.Span),
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref,
                _ => false,
            };
        }
    }
}
