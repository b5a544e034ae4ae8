using System;
using System.Collections.Generic;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Names of the System namespace that C# code writes unqualified. Generated code spells every
    /// type with global::, so it never trips over them; the user's code does. With using System
    /// (every project with implicit usings) and using the declaration's namespace, the simple name
    /// is ambiguous (CS0104); inside the declaration's namespace the generated class hides the
    /// System type (Math.Max is then "not defined"). Only non-generic types are listed: a
    /// generated class cannot clash with Span&lt;T&gt; or Func&lt;T&gt;, whose arity differs.
    /// </summary>
    internal static class SystemNames
    {
        private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
        {
            // numbers and the BCL's everyday statics
            "Math", "MathF", "Random", "Half", "Buffer", "BitConverter", "Convert", "Console", "Environment", "GC",
            "Array", "String", "Object", "Type", "Enum", "Delegate", "Action", "Nullable", "Tuple", "ValueTuple",
            "Boolean", "Byte", "SByte", "Char", "Decimal", "Double", "Single", "Int16", "Int32", "Int64", "Int128",
            "UInt16", "UInt32", "UInt64", "UInt128", "IntPtr", "UIntPtr", "Index", "Range", "HashCode", "Guid",
            "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "TimeZoneInfo", "Uri", "Version",
            "Attribute", "Activator", "AppContext", "AppDomain", "EventArgs", "EventHandler", "MemoryExtensions",
            "StringComparer", "StringComparison", "StringSplitOptions", "MidpointRounding", "IDisposable", "IComparable",

            // exceptions code throws and catches
            "Exception", "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException", "FormatException",
            "InvalidOperationException", "NotSupportedException", "NotImplementedException", "IndexOutOfRangeException",
            "ObjectDisposedException", "OperationCanceledException", "OverflowException",
        };

        /// <summary>What a declaration named <paramref name="name"/> would shadow, or null when nothing.</summary>
        public static string? Shadowed(string name) =>
            name == "System" ? "the namespace System" : Types.Contains(name) ? "System." + name : null;

        /// <summary>The names checked, for tests.</summary>
        public static IEnumerable<string> All => Types;
    }
}
