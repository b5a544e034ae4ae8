using System.Numerics;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>The few elementwise loops the layers share, vectorised where that is a one-liner.</summary>
internal static class VectorMath
{
    public static float Sum(ReadOnlySpan<float> values)
    {
        var lanes = Vector<float>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            lanes += new Vector<float>(values.Slice(i));
        }

        float sum = Vector.Sum(lanes);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>target[i] += source[i].</summary>
    public static void AddInPlace(Span<float> target, ReadOnlySpan<float> source)
    {
        int i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(target.Slice(i)) + new Vector<float>(source.Slice(i))).CopyTo(target.Slice(i));
        }

        for (; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }

    /// <summary>output[i] = a[i] + b[i].</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        SpanLength.Require(b.Length, a.Length, nameof(b));
        SpanLength.Require(output.Length, a.Length, nameof(output));
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(a.Slice(i)) + new Vector<float>(b.Slice(i))).CopyTo(output.Slice(i));
        }

        for (; i < a.Length; i++)
        {
            output[i] = a[i] + b[i];
        }
    }

    /// <summary>output[i] = input[i]·scale + shift.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> input, float scale, float shift, Span<float> output)
    {
        var scales = new Vector<float>(scale);
        var shifts = new Vector<float>(shift);
        int i = 0;
        for (; i <= input.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            ((new Vector<float>(input.Slice(i)) * scales) + shifts).CopyTo(output.Slice(i));
        }

        for (; i < input.Length; i++)
        {
            output[i] = (input[i] * scale) + shift;
        }
    }

    /// <summary>target[i] = source[i] + offset.</summary>
    public static void CopyPlus(ReadOnlySpan<float> source, float offset, Span<float> target)
    {
        var offsets = new Vector<float>(offset);
        int i = 0;
        for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(source.Slice(i)) + offsets).CopyTo(target.Slice(i));
        }

        for (; i < source.Length; i++)
        {
            target[i] = source[i] + offset;
        }
    }
}
