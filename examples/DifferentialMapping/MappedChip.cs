using Lab.Differential;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace DifferentialMapping;

/// <summary>
/// A programmed chip of one generated mapping, behind one interface: each mapping of differential.xmap has its own
/// generated State type, and the trial worker needs only these four operations of it.
/// </summary>
internal interface IMappedChip
{
    /// <summary>The layers' tiles, plans and w_max, as the runtime's fault evaluation reads them.</summary>
    IReadOnlyList<MappedLayer> Layers { get; }

    /// <summary>The weights the chip computes with (the generated ReadBack).</summary>
    LeNet5.Weights ReadBack();

    /// <summary>Makes the chip's cells stuck as the fault map says (the generated Inject).</summary>
    void Inject(FaultMap faults);
}

/// <summary>An <see cref="IMappedChip"/> over the generated State of one mapping.</summary>
/// <typeparam name="TState">The mapping's generated State class.</typeparam>
internal sealed class MappedChip<TState>(
    TState state, Func<TState, LeNet5.Weights> readBack, Action<TState, FaultMap> inject, Func<TState, IReadOnlyList<MappedLayer>> layers)
    : IMappedChip
{
    public IReadOnlyList<MappedLayer> Layers => layers(state);

    public LeNet5.Weights ReadBack() => readBack(state);

    public void Inject(FaultMap faults) => inject(state, faults);
}
