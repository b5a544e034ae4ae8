using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapDsl.Analyzers.CallSites
{
    /// <summary>
    /// What an argument really is: an <c>int</c> literal passed as a <c>double</c>, or an array passed as a
    /// read-only list, reaches the analyzers wrapped in an implicit conversion of the written expression.
    /// </summary>
    internal static class ImplicitConversions
    {
        public static IOperation Strip(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
