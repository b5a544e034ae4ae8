using System.Collections.Immutable;
using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>One generator from several: their values in order (CsCheck composes a fixed number only).</summary>
internal static class GenSequence
{
    public static Gen<ImmutableList<T>> Of<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(
            Gen.Const(ImmutableList<T>.Empty),
            (sequence, next) => sequence.SelectMany(items => next.Select(items.Add)));
}
