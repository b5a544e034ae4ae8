using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// <see cref="LevelGrid"/> for eight conductances at once (AVX-512): the same operations in the same order, so it
/// is bit-identical to <see cref="LevelGrid.Quantize"/> and to the scalar <see cref="CrossbarSpec.Quantize"/>.
/// The division stays a division: a multiply by 1 / Step rounds differently near halfway points.
/// </summary>
internal readonly struct WideLevelGrid
{
    private readonly Vector512<double> _gOff;
    private readonly Vector512<double> _gOn;
    private readonly Vector512<double> _step;
    private readonly Vector512<double> _top;

    public WideLevelGrid(CrossbarSpec spec)
    {
        _gOff = Vector512.Create(spec.GOff);
        _gOn = Vector512.Create(spec.GOn);
        _step = Vector512.Create(spec.Step);
        _top = Vector512.Create((double)(spec.Levels - 1));
    }

    /// <summary>G_off in every lane.</summary>
    public Vector512<double> GOff => _gOff;

    /// <summary>G_on in every lane.</summary>
    public Vector512<double> GOn => _gOn;

    /// <summary>The programmable conductance nearest to each lane of <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Quantize(Vector512<double> g)
    {
        Vector512<double> position = (g - _gOff) / _step;
        Vector512<double> floor = Vector512.Floor(position);
        Vector512<double> level = Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(position - floor, Vector512.Create(0.5)), floor + Vector512<double>.One, floor);
        level = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(position, _top), _top, level);
        level = Vector512.ConditionalSelect(Vector512.GreaterThan(position, Vector512<double>.Zero), level, Vector512<double>.Zero);
        return Vector512.ConditionalSelect(Vector512.Equals(level, _top), _gOn, _gOff + (level * _step));
    }
}
