using System;
using System.Collections.Generic;
using System.Linq;

namespace MapDsl.Generator.Common
{
    /// <summary>
    /// "did you mean" for a name that does not exist: the candidates whose last part is the name's (a layer written
    /// without its block, <c>a</c> for <c>r2.a</c>), otherwise those a few edits away (<c>c3</c> for <c>c2</c>).
    /// </summary>
    internal static class Suggestions
    {
        private const int MaxShown = 3;

        /// <summary><c>; did you mean 'r1.a' or 'r2.a'?</c>, or the empty string when nothing is close.</summary>
        public static string DidYouMean(string written, IEnumerable<string> candidates) => DidYouMean(Closest(written, candidates));

        /// <summary>The message tail naming <paramref name="matches"/> (from <see cref="Closest"/>), or the empty string for none.</summary>
        public static string DidYouMean(IReadOnlyList<string> matches)
        {
            if (matches.Count == 0)
            {
                return string.Empty;
            }

            var shown = matches.Select(m => $"'{m}'").ToList();
            var list = shown.Count == 1 ? shown[0] : string.Join(", ", shown.Take(shown.Count - 1)) + " or " + shown[shown.Count - 1];
            return $"; did you mean {list}?";
        }

        /// <summary>The candidates close to <paramref name="written"/>, best first, at most three.</summary>
        public static IReadOnlyList<string> Closest(string written, IEnumerable<string> candidates)
        {
            var all = candidates.Distinct(StringComparer.Ordinal).ToList();
            var last = LastPart(written);
            var matches = all.Where(c => c != written && LastPart(c) == last).ToList();
            if (matches.Count == 0)
            {
                // Up to a third of the name may be wrong, at least one character.
                var allowed = Math.Max(1, written.Length / 3);
                matches = all
                    .Select(c => (Name: c, Distance: Distance(written, c)))
                    .Where(c => c.Distance <= allowed)
                    .OrderBy(c => c.Distance)
                    .ThenBy(c => c.Name, StringComparer.Ordinal)
                    .Select(c => c.Name)
                    .ToList();
            }

            return matches.Take(MaxShown).ToList();
        }

        private static string LastPart(string name) => name.Substring(name.LastIndexOf('.') + 1);

        // Edits (insert, delete, substitute, swap two neighbours) from a to b: optimal string alignment distance.
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
