namespace MapDsl.Runtime.Faults;

/// <summary>Draws the faulty units among <paramref name="units"/> from one stream: <see cref="UnitSampler.Sample(long, double, ulong, List{long})"/> or <see cref="BernoulliSampler.Sample"/>.</summary>
/// <param name="units">Number of units.</param>
/// <param name="rate">Per-unit fault probability.</param>
/// <param name="stream">Stream seed.</param>
/// <param name="into">List the faulty units are appended to.</param>
internal delegate void UnitDraw(long units, double rate, ulong stream, List<long> into);
