using System.Numerics;
using System.Runtime.CompilerServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// <see cref="CrossbarSpec.Quantize"/> for a vector of conductances at once, bit-identical to it: the same
/// position <c>(g - GOff) / Step</c>, halfway cases up (the fraction of a positive double is exact, so
/// <c>floor + (fraction &gt;= 0.5)</c> is <c>Math.Round(position, AwayFromZero)</c>), NaN and values below
/// G_off to level 0, values past the top level to G_on, and level n to <c>GOff + n * Step</c>.
/// </summary>
internal readonly struct LevelGrid
{
    private readonly Vector<double> _gOff;
    private readonly Vector<double> _gOn;
    private readonly Vector<double> _step;
    private readonly Vector<double> _top;

    public LevelGrid(CrossbarSpec spec)
    {
        Spec = spec;
        _gOff = new Vector<double>(spec.GOff);
        _gOn = new Vector<double>(spec.GOn);
        _step = new Vector<double>(spec.Step);
        _top = new Vector<double>(spec.Levels - 1);
    }

    /// <summary>The spec whose levels these are; its scalar <see cref="CrossbarSpec.Quantize"/> is the reference.</summary>
    public CrossbarSpec Spec { get; }

    /// <summary>G_off in every lane.</summary>
    public Vector<double> GOff => _gOff;

    /// <summary>G_on in every lane.</summary>
    public Vector<double> GOn => _gOn;

    /// <summary>The programmable conductance nearest to each lane of <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<double> Quantize(Vector<double> g)
    {
        Vector<double> position = (g - _gOff) / _step;
        Vector<double> floor = Vector.Floor(position);
        Vector<double> level = Vector.ConditionalSelect(
            Vector.GreaterThanOrEqual(position - floor, new Vector<double>(0.5)), floor + Vector<double>.One, floor);
        level = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(position, _top), _top, level);
        level = Vector.ConditionalSelect(Vector.GreaterThan(position, Vector<double>.Zero), level, Vector<double>.Zero);
        return Vector.ConditionalSelect(Vector.Equals(level, _top), _gOn, _gOff + (level * _step));
    }
}
