namespace MapDsl.Runtime.FaultAware;

/// <summary>Chips retrained together on their fused fault map.</summary>
/// <param name="Members">The chips, as indices into the population, ascending.</param>
/// <param name="FusedRate">The fused map's PE fault rate: bypassed PEs of any member over all PEs.</param>
/// <param name="Epochs">The retraining the fused rate needs (E*), or null when it is unusable.</param>
public sealed record ChipGroup(IReadOnlyList<int> Members, double FusedRate, double? Epochs);
