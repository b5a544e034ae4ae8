using System;
using Microsoft.CodeAnalysis;

namespace MapDsl.Analyzers.CallSites
{
    /// <summary>The compile-time value of a numeric expression, whatever its C# type (2, 2.0, 2f, 2m, a const).</summary>
    internal static class ConstantNumber
    {
        public static bool TryGet(IOperation? operation, out double value)
        {
            value = 0;
            if (operation is null || !operation.ConstantValue.HasValue)
            {
                return false;
            }

            switch (operation.ConstantValue.Value)
            {
                case double d:
                    value = d;
                    return true;
                case float f:
                    value = f;
                    return true;
                case decimal m:
                    value = (double)m;
                    return true;
                case int or long or short or sbyte or byte or ushort or uint or ulong:
                    value = Convert.ToDouble(operation.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                default:
                    return false;
            }
        }
    }
}
