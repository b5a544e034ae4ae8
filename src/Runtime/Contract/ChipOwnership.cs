namespace MapDsl.Runtime.Contract;

/// <summary>
/// The check behind every generated contract member that takes an <see cref="IChip"/>: a chip can only be used with
/// the mapping that made it, because its tiles follow that mapping's plan.
/// </summary>
public static class ChipOwnership
{
    /// <summary>The chip as the mapping's own state type.</summary>
    /// <typeparam name="TState">The mapping's generated <c>State</c>.</typeparam>
    /// <param name="chip">The chip passed in.</param>
    /// <param name="mapping">The mapping's name, for the message.</param>
    /// <returns>The chip.</returns>
    /// <exception cref="ArgumentNullException">The chip is null.</exception>
    /// <exception cref="ArgumentException">The chip was made by another mapping.</exception>
    public static TState Expect<TState>(IChip chip, string mapping)
        where TState : class, IChip
    {
        ArgumentNullException.ThrowIfNull(chip);
        return chip as TState
            ?? throw new ArgumentException($"Mapping '{mapping}' cannot use a chip of mapping '{chip.Mapping.Name}': a chip only fits the mapping that made it.", nameof(chip));
    }
}
