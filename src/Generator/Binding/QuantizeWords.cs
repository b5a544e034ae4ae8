using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// The words of a <c>quantize</c> statement turned into its three choices. Each choice has two words and a default
    /// (range: <c>symmetric</c> | <c>asymmetric</c>; encoding: <c>signed</c> | <c>unsigned</c>; rounding:
    /// <c>round</c> | <c>truncate</c>); <c>robust</c> is the bit-error paper's RQuant, i.e. asymmetric unsigned round.
    /// Two words that choose differently, or a word given twice, are XMAP0001 at the second word. The word
    /// <c>biases</c> is a fourth, independent choice: the layers' biases are stored as codes too.
    /// </summary>
    internal static class QuantizeWords
    {
        private static readonly Dictionary<string, (string Choice, string Value)[]> Meaning = new Dictionary<string, (string, string)[]>
        {
            ["symmetric"] = new[] { ("range", "symmetric") },
            ["asymmetric"] = new[] { ("range", "asymmetric") },
            ["signed"] = new[] { ("encoding", "signed") },
            ["unsigned"] = new[] { ("encoding", "unsigned") },
            ["round"] = new[] { ("rounding", "round") },
            ["truncate"] = new[] { ("rounding", "truncate") },
            ["robust"] = new[] { ("range", "asymmetric"), ("encoding", "unsigned"), ("rounding", "round") },
            ["biases"] = new[] { ("biases", "stored") },
        };

        /// <summary>The choices of <paramref name="words"/>, or null after reporting a conflict.</summary>
        public static (bool Asymmetric, bool Unsigned, bool Truncate, bool Biases)? Bind(IEnumerable<Identifier> words, string path, BindContext context)
        {
            // Each choice remembers the first word that made it; a word that agrees with it (robust unsigned) adds nothing.
            var chosen = new Dictionary<string, (string Value, Identifier By)>();
            var seen = new HashSet<string>();
            foreach (var word in words)
            {
                if (!seen.Add(word.Text))
                {
                    return Conflict(word, $"'{word.Text}' is given twice", path, context);
                }

                foreach (var (choice, value) in Meaning[word.Text])
                {
                    if (!chosen.TryGetValue(choice, out var earlier))
                    {
                        chosen[choice] = (value, word);
                    }
                    else if (earlier.Value != value)
                    {
                        return Conflict(word, $"'{word.Text}' contradicts '{earlier.By.Text}' (both set the {choice}; '{earlier.By.Text}' chose {earlier.Value})", path, context);
                    }
                }
            }

            return (Is(chosen, "range", "asymmetric"), Is(chosen, "encoding", "unsigned"), Is(chosen, "rounding", "truncate"), chosen.ContainsKey("biases"));
        }

        /// <summary>The statement as the generated comments and docs show it: the shortest spelling of its choices.</summary>
        public static string Spell(int bits, bool asymmetric, bool unsigned, bool truncate, bool biases, string clip)
        {
            var words = asymmetric && unsigned && !truncate
                ? new[] { "robust" }
                : new[] { asymmetric ? "asymmetric" : "symmetric", unsigned ? "unsigned" : null, truncate ? "truncate" : null }.Where(w => w != null).ToArray();
            return $"quantize {bits} bit {string.Join(" ", words)}" + (biases ? " biases" : string.Empty) + (clip.Length > 0 ? " clip " + clip : string.Empty);
        }

        private static (bool, bool, bool, bool)? Conflict(Identifier word, string why, string path, BindContext context)
        {
            context.Report(DiagnosticCatalog.SyntaxError, path, word.Span, $"quantize: {why}; expected at most one word per choice: symmetric|asymmetric, signed|unsigned, round|truncate ('robust' = asymmetric unsigned round)");
            return null;
        }

        private static bool Is(Dictionary<string, (string Value, Identifier By)> chosen, string choice, string value) =>
            chosen.TryGetValue(choice, out var c) && c.Value == value;
    }
}
