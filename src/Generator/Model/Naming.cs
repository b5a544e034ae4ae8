using System.Collections.Generic;

namespace MapDsl.Generator.Model
{
    /// <summary>How .xmap names become C# names: the same word, PascalCased for members.</summary>
    internal static class Naming
    {
        private static readonly HashSet<string> CSharpKeywords = new()
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
            "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
            "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
            "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
            "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
            "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",

            // Contextual keywords that C# 9-11 forbid as type names unless escaped (CS8860, CS9029, CS9056, CS9062).
            "file", "record", "required", "scoped",
        };

        /// <summary><c>c1</c> becomes <c>C1</c>, <c>hidden</c> becomes <c>Hidden</c>.</summary>
        public static string ToPascal(string name) =>
            name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

        /// <summary>
        /// The member name of a layer: <c>c1</c> becomes <c>C1</c>; a layer of a residual block, named with its block's
        /// name, becomes its PascalCased parts joined by <c>_</c>: <c>r2.a</c> becomes <c>R2_A</c>, <c>r2.a_bn</c> <c>R2_A_bn</c>.
        /// </summary>
        public static string ToMember(string name) =>
            name.IndexOf('.') < 0 ? ToPascal(name) : string.Join("_", System.Array.ConvertAll(name.Split('.'), ToPascal));

        /// <summary><c>c1</c> becomes <c>c1</c>, <c>C1</c> becomes <c>c1</c>: for parameter names.</summary>
        public static string ToCamel(string name) =>
            EscapeIdentifier(name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1));

        /// <summary><c>Lab.class</c> becomes <c>Lab.@class</c>: every segment a valid identifier.</summary>
        public static string EscapeNamespace(string ns) => string.Join(".", System.Array.ConvertAll(ns.Split('.'), EscapeIdentifier));

        /// <summary>Prefixes <c>@</c> to a C# keyword so that any .xmap name is a valid identifier.</summary>
        public static string EscapeIdentifier(string name) => CSharpKeywords.Contains(name) ? "@" + name : name;
    }
}
