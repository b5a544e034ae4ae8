using System.Numerics;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// Turns a layer's clean output into its output with a few weights changed, by adding what each changed weight
/// contributes: the layer is linear in its weights, so a change d of one weight adds d times the input that weight
/// multiplies, at every output it feeds. The bias is untouched (biases are never faulty).
/// </summary>
/// <remarks>
/// The changes are first decoded into <see cref="CorrectionTap"/>s (once per trial); then images are the outer loop
/// and taps the inner one, so an image's input and output stay in cache while every change is applied to them. The
/// result differs from a full recomputation only by float rounding (the sums are associated differently).
/// </remarks>
internal static class SparseCorrection
{
    /// <summary>Decodes the changes of a dense or conv step into <paramref name="taps"/> (resized as needed); returns how many.</summary>
    public static int Decode(GraphStep step, WeightChanges changes, ReadOnlySpan<float> clean, ref CorrectionTap[] taps)
    {
        if (taps.Length < changes.Count)
        {
            taps = new CorrectionTap[Math.Max(changes.Count, taps.Length * 2)];
        }

        var indices = changes.Indices;
        var values = changes.Values;
        for (int j = 0; j < indices.Length; j++)
        {
            int index = indices[j];
            float delta = values[j] - clean[index];
            taps[j] = step is Conv2dStep conv
                ? ConvTap(conv, index, delta)
                : new CorrectionTap(index / step.InputLength, index % step.InputLength, 1, 1, delta);
        }

        return indices.Length;
    }

    /// <summary>Dense: y[b, c] += d · x[b, r] for each changed weight (c, r).</summary>
    public static void Dense(DenseStep step, ReadOnlySpan<float> input, Span<float> output, int batch, ReadOnlySpan<CorrectionTap> taps)
    {
        int inputs = step.InputLength;
        int outputs = step.OutputLength;
        for (int b = 0; b < batch; b++)
        {
            var x = input.Slice(b * inputs, inputs);
            var y = output.Slice(b * outputs, outputs);
            foreach (ref readonly var tap in taps)
            {
                y[tap.Output] += tap.Delta * x[tap.Input];
            }
        }
    }

    /// <summary>
    /// Conv: for each changed weight (o, i, kh, kw), output channel o gains d times the window of input channel i
    /// shifted by (kh, kw), at every output position whose window that tap reads inside the image (zero padding
    /// contributes nothing).
    /// </summary>
    public static void Conv(Conv2dStep step, ReadOnlySpan<float> input, Span<float> output, int batch, ReadOnlySpan<CorrectionTap> taps)
    {
        int s = step.Stride;
        int inRow = s * step.InWidth;
        int outRow = step.OutWidth;
        for (int b = 0; b < batch; b++)
        {
            var x = input.Slice(b * step.InputLength, step.InputLength);
            var y = output.Slice(b * step.OutputLength, step.OutputLength);
            foreach (ref readonly var tap in taps)
            {
                for (int row = 0; row < tap.Rows; row++)
                {
                    var target = y.Slice(tap.Output + row * outRow, tap.Count);
                    int start = tap.Input + row * inRow;
                    if (s == 1)
                    {
                        AddScaled(tap.Delta, x.Slice(start, tap.Count), target);
                    }
                    else
                    {
                        for (int k = 0; k < target.Length; k++)
                        {
                            target[k] += tap.Delta * x[start + k * s];
                        }
                    }
                }
            }
        }
    }

    // Output (oy, ox) reads input (oy·s − p + kh, ox·s − p + kw); only positions inside the input contribute.
    private static CorrectionTap ConvTap(Conv2dStep step, int index, float delta)
    {
        int kernelPlane = step.KernelHeight * step.KernelWidth;
        int o = index / step.PatchLength;
        int tap = index % step.PatchLength;
        int i = tap / kernelPlane;
        int kh = tap % kernelPlane / step.KernelWidth;
        int kw = tap % step.KernelWidth;
        int s = step.Stride;
        int p = step.Padding;
        int firstX = CeilDiv(Math.Max(0, p - kw), s);
        int lastX = Math.Min(step.OutWidth - 1, (step.InWidth - 1 + p - kw) / s);
        int firstY = CeilDiv(Math.Max(0, p - kh), s);
        int lastY = Math.Min(step.OutHeight - 1, (step.InHeight - 1 + p - kh) / s);
        int count = lastX - firstX + 1;
        int rows = count > 0 ? Math.Max(0, lastY - firstY + 1) : 0;
        int output = (o * step.OutputPlane) + (firstY * step.OutWidth) + firstX;
        int input = (i * step.InHeight * step.InWidth) + ((firstY * s - p + kh) * step.InWidth) + (firstX * s - p + kw);
        return new CorrectionTap(output, input, rows, Math.Max(count, 0), delta);
    }

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;

    /// <summary>y[i] += a · x[i].</summary>
    private static void AddScaled(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(a);
            for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(y.Slice(i)) + (scale * new Vector<float>(x.Slice(i)))).CopyTo(y.Slice(i));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
