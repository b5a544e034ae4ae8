using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapDsl.Analyzers.CallSites
{
    /// <summary>
    /// An array whose length is known at compile time (<c>new float[10]</c>, <c>new[] { 1f, 2f }</c>, <c>[1f, 2f]</c>)
    /// passed to a parameter that the generator marked <c>[ExpectedLength(n)]</c> (each layer's weights and biases in a
    /// generated <c>Weights</c> constructor), with another length (XMAP1003). The constructor would throw.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ArrayLengthAnalyzer : DiagnosticAnalyzer
    {
        private const string ExpectedLengthType = "MapDsl.Runtime.Contract.ExpectedLengthAttribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ArrayLengthMismatch);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var attribute = start.Compilation.GetTypeByMetadataName(ExpectedLengthType);
                if (attribute is not null)
                {
                    start.RegisterOperationAction(c => Analyze(c, attribute), OperationKind.Argument);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol attribute)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return;
            }

            var expected = ExpectedLength(parameter, attribute);
            if (expected is null || LengthOf(ImplicitConversions.Strip(argument.Value)) is not { } actual || actual == expected)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ArrayLengthMismatch,
                argument.Value.Syntax.GetLocation(),
                parameter.Name,
                parameter.ContainingSymbol.ContainingType?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) ?? parameter.ContainingSymbol.Name,
                expected,
                actual));
        }

        private static int? ExpectedLength(IParameterSymbol parameter, INamedTypeSymbol attribute)
        {
            var data = parameter.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
            return data is { ConstructorArguments.Length: 1 } && data.ConstructorArguments[0].Value is int length ? length : null;
        }

        /// <summary>The length of an array made right there with a constant size; null when it cannot be known.</summary>
        private static int? LengthOf(IOperation value)
        {
            switch (value)
            {
                case IArrayCreationOperation { DimensionSizes.Length: 1 } creation
                    when creation.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int size }:
                    return size;
                case ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation):
                    return collection.Elements.Length;
                default:
                    return null;
            }
        }
    }
}
