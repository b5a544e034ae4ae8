using System.Collections.Generic;
using System.Linq;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// A static read-only list property with its elements, one a line:
    /// <c>public static IReadOnlyList&lt;T&gt; Name { get; } = new T[] { ... };</c>. The declaration is split after the
    /// type when it would pass <see cref="SourceWriter.MaxLineLength"/> (list types name their interface in full).
    /// </summary>
    internal static class ListProperty
    {
        public static void Write(SourceWriter w, string elementType, string name, IEnumerable<string> elements)
        {
            var type = $"{ContractNames.ReadOnlyList}<{elementType}>";
            var declaration = $"public static {type} {name} {{ get; }} =";
            if (w.Indentation + declaration.Length <= SourceWriter.MaxLineLength)
            {
                w.Line(declaration);
            }
            else
            {
                w.Line($"public static {type}");
                using (w.Indent())
                {
                    w.Line($"{name} {{ get; }} =");
                }
            }

            using (w.Indent())
            {
                var list = elements.ToList();
                if (list.Count == 0)
                {
                    w.Line($"global::System.Array.Empty<{elementType}>();");
                }
                else
                {
                    w.Initializer($"new {elementType}[]", list);
                }
            }
        }
    }
}
