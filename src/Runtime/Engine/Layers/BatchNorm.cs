using System.Numerics;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Batch normalisation over [batch, channels, plane] (plane = H·W, or 1 for a vector of features), as PyTorch's
/// <c>BatchNorm2d</c>/<c>BatchNorm1d</c>: inference uses the running statistics, training the batch's own mean and
/// biased variance and updates the running ones (unbiased variance, momentum 0.1).
/// </summary>
/// <remarks>
/// Statistics and per-channel sums add per-image float sums in double in a fixed order, so results do not depend on
/// how the channels are shared between threads. Channels are independent, so they are the unit of parallel work.
/// </remarks>
public static class BatchNorm
{
    /// <summary>y = (x − mean)·γ/√(var + ε) + β with the running statistics, written as x·scale + shift.</summary>
    /// <param name="input">[batch, channels, plane].</param>
    /// <param name="output">Same shape; may be <paramref name="input"/>.</param>
    /// <param name="batch">Images.</param>
    /// <param name="plane">Values per channel per image.</param>
    /// <param name="parameters">γ, β and the running statistics.</param>
    public static void ForwardInference(ReadOnlySpan<float> input, Span<float> output, int batch, int plane, BatchNormParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var channels = parameters.Channels;
        Check(input.Length, output.Length, batch, channels, plane);
        Span<float> affine = channels <= 512 ? stackalloc float[2 * channels] : new float[2 * channels];
        for (var c = 0; c < channels; c++)
        {
            var scale = parameters.Scale(c);
            affine[c] = (float)scale;
            affine[channels + c] = (float)(parameters.Beta[c] - (parameters.RunningMean[c] * scale));
        }

        Affine(input, output, batch, channels, plane, affine);
    }

    /// <summary>
    /// Normalises with the batch's statistics and updates the running statistics. Writes per channel the batch mean
    /// and 1/√(var + ε) into <paramref name="saved"/> for <see cref="BackwardTraining"/>.
    /// </summary>
    /// <param name="input">[batch, channels, plane].</param>
    /// <param name="output">Same shape; must not overlap <paramref name="input"/>.</param>
    /// <param name="batch">Images; batch · plane must be at least 2 (a variance needs two values).</param>
    /// <param name="plane">Values per channel per image.</param>
    /// <param name="parameters">γ and β used, running statistics updated.</param>
    /// <param name="saved">2 · channels floats: means, then inverse standard deviations.</param>
    public static void ForwardTraining(
        ReadOnlySpan<float> input, Span<float> output, int batch, int plane, BatchNormParameters parameters, Span<float> saved)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var channels = parameters.Channels;
        Check(input.Length, output.Length, batch, channels, plane);
        SpanLength.Require(saved.Length, 2L * channels, nameof(saved));
        var count = (long)batch * plane;
        if (count < 2)
        {
            throw new ArgumentException($"Batch norm '{parameters.Name}' needs at least 2 values per channel to train, got {count} (batch {batch}).", nameof(batch));
        }

        unsafe
        {
            fixed (float* x = input, s = saved)
            {
                ParallelItems.Run(new StatisticsPass(x, s, batch, channels, plane), channels, 2 * count);
            }
        }

        Span<float> affine = channels <= 512 ? stackalloc float[2 * channels] : new float[2 * channels];
        var unbiased = count / (double)(count - 1);
        for (var c = 0; c < channels; c++)
        {
            double mean = saved[c], variance = saved[channels + c];
            var inverse = 1.0 / Math.Sqrt(variance + BatchNormParameters.Epsilon);
            saved[channels + c] = (float)inverse;
            var scale = parameters.Gamma[c] * inverse;
            affine[c] = (float)scale;
            affine[channels + c] = (float)(parameters.Beta[c] - (mean * scale));
            parameters.RunningMean[c] = (float)(((1 - BatchNormParameters.Momentum) * parameters.RunningMean[c]) + (BatchNormParameters.Momentum * mean));
            parameters.RunningVar[c] = (float)(((1 - BatchNormParameters.Momentum) * parameters.RunningVar[c]) + (BatchNormParameters.Momentum * variance * unbiased));
        }

        Affine(input, output, batch, channels, plane, affine);
    }

    /// <summary>
    /// The backward pass of <see cref="ForwardTraining"/>: with x̂ = (x − mean)·inv, dβ = Σ dy, dγ = Σ dy·x̂ and
    /// dx = γ·inv·(dy − dβ/M − x̂·dγ/M), M = batch · plane (the batch statistics depend on every input).
    /// </summary>
    /// <param name="input">The forward input, [batch, channels, plane].</param>
    /// <param name="outputGradient">dLoss/dy, same shape.</param>
    /// <param name="inputGradient">dLoss/dx, overwritten; empty to skip it.</param>
    /// <param name="batch">Images.</param>
    /// <param name="plane">Values per channel per image.</param>
    /// <param name="gamma">γ of the forward pass.</param>
    /// <param name="saved">What the forward pass saved.</param>
    /// <param name="gammaGradient">dLoss/dγ, overwritten.</param>
    /// <param name="betaGradient">dLoss/dβ, overwritten.</param>
    public static void BackwardTraining(
        ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, int plane,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> saved, Span<float> gammaGradient, Span<float> betaGradient)
    {
        var channels = gamma.Length;
        Check(input.Length, outputGradient.Length, batch, channels, plane);
        SpanLength.RequireOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient));
        SpanLength.Require(saved.Length, 2L * channels, nameof(saved));
        SpanLength.Require(gammaGradient.Length, channels, nameof(gammaGradient));
        SpanLength.Require(betaGradient.Length, channels, nameof(betaGradient));
        unsafe
        {
            fixed (float* x = input, dy = outputGradient, dx = inputGradient, g = gamma, s = saved, dg = gammaGradient, db = betaGradient)
            {
                var pass = new BackwardPass(x, dy, inputGradient.IsEmpty ? null : dx, g, s, dg, db, batch, channels, plane, training: true);
                ParallelItems.Run(pass, channels, 3L * batch * plane);
            }
        }
    }

    /// <summary>
    /// The backward pass of <see cref="ForwardInference"/>: the statistics are constants, so dx = dy·γ·inv with the
    /// running inv, dβ = Σ dy and dγ = Σ dy·x̂.
    /// </summary>
    /// <param name="input">The forward input, [batch, channels, plane].</param>
    /// <param name="outputGradient">dLoss/dy.</param>
    /// <param name="inputGradient">dLoss/dx, overwritten; empty to skip it.</param>
    /// <param name="batch">Images.</param>
    /// <param name="plane">Values per channel per image.</param>
    /// <param name="parameters">The parameters of the forward pass.</param>
    /// <param name="gammaGradient">dLoss/dγ, overwritten.</param>
    /// <param name="betaGradient">dLoss/dβ, overwritten.</param>
    public static void BackwardInference(
        ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, int plane,
        BatchNormParameters parameters, Span<float> gammaGradient, Span<float> betaGradient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var channels = parameters.Channels;
        var saved = new float[2 * channels];
        for (var c = 0; c < channels; c++)
        {
            saved[c] = parameters.RunningMean[c];
            saved[channels + c] = (float)(1.0 / Math.Sqrt((double)parameters.RunningVar[c] + BatchNormParameters.Epsilon));
        }

        Check(input.Length, outputGradient.Length, batch, channels, plane);
        SpanLength.RequireOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient));
        SpanLength.Require(gammaGradient.Length, channels, nameof(gammaGradient));
        SpanLength.Require(betaGradient.Length, channels, nameof(betaGradient));
        unsafe
        {
            fixed (float* x = input, dy = outputGradient, dx = inputGradient, g = parameters.Gamma, s = saved, dg = gammaGradient, db = betaGradient)
            {
                var pass = new BackwardPass(x, dy, inputGradient.IsEmpty ? null : dx, g, s, dg, db, batch, channels, plane, training: false);
                ParallelItems.Run(pass, channels, 2L * batch * plane);
            }
        }
    }

    private static void Check(int inputLength, int otherLength, int batch, int channels, int plane)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plane);
        SpanLength.Require(inputLength, (long)batch * channels * plane, "input");
        SpanLength.Require(otherLength, inputLength, "output");
    }

    // y = x·affine[c] + affine[C + c] per channel.
    private static void Affine(ReadOnlySpan<float> input, Span<float> output, int batch, int channels, int plane, ReadOnlySpan<float> affine)
    {
        for (var n = 0; n < batch; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var offset = ((n * channels) + c) * plane;
                VectorMath.MultiplyAdd(input.Slice(offset, plane), affine[c], affine[channels + c], output.Slice(offset, plane));
            }
        }
    }

    private readonly unsafe struct StatisticsPass(float* x, float* saved, int batch, int channels, int plane) : IItemPass
    {
        public void Run(int start, int end)
        {
            var count = (double)batch * plane;
            for (var c = start; c < end; c++)
            {
                double sum = 0;
                for (var n = 0; n < batch; n++)
                {
                    sum += RowSum(new ReadOnlySpan<float>(x + ((((long)n * channels) + c) * plane), plane));
                }

                var mean = sum / count;
                double squares = 0;
                for (var n = 0; n < batch; n++)
                {
                    squares += RowSquares(new ReadOnlySpan<float>(x + ((((long)n * channels) + c) * plane), plane), (float)mean);
                }

                saved[c] = (float)mean;
                saved[channels + c] = (float)(squares / count); // the biased variance; the caller turns it into 1/√(var + ε)
            }
        }
    }

    private readonly unsafe struct BackwardPass(
        float* x, float* dy, float* dx, float* gamma, float* saved, float* gammaGradient, float* betaGradient,
        int batch, int channels, int plane, bool training) : IItemPass
    {
        public void Run(int start, int end)
        {
            var count = (double)batch * plane;
            for (var c = start; c < end; c++)
            {
                double mean = saved[c], inverse = saved[channels + c];
                double sumDy = 0, sumDyX = 0;
                for (var n = 0; n < batch; n++)
                {
                    var offset = (((long)n * channels) + c) * plane;
                    var (rowDy, rowDyX) = RowGradientSums(new ReadOnlySpan<float>(dy + offset, plane), new ReadOnlySpan<float>(x + offset, plane), (float)mean);
                    sumDy += rowDy;
                    sumDyX += rowDyX;
                }

                // Σ dy·x̂ = inv · Σ dy·(x − mean)
                var sumDyXhat = sumDyX * inverse;
                betaGradient[c] = (float)sumDy;
                gammaGradient[c] = (float)sumDyXhat;
                if (dx == null)
                {
                    continue;
                }

                // training: dx = γ·inv·(dy − Σdy/M − x̂·Σdy·x̂/M) = k·dy + l·(x − mean) + m, per channel constants
                var k = gamma[c] * inverse;
                var l = training ? -k * inverse * sumDyXhat / count : 0.0;
                var m = training ? -k * sumDy / count : 0.0;
                for (var n = 0; n < batch; n++)
                {
                    var offset = (((long)n * channels) + c) * plane;
                    RowInputGradient(
                        new ReadOnlySpan<float>(dy + offset, plane), new ReadOnlySpan<float>(x + offset, plane), (float)mean, (float)k, (float)l, (float)m,
                        new Span<float>(dx + offset, plane));
                }
            }
        }
    }

    // The row kernels sum in float lanes over one image's plane (at most a few thousand values) and the callers add
    // the row sums in double: vector speed, and an error bounded by one plane's float sum.
    private static double RowSum(ReadOnlySpan<float> row)
    {
        var lanes = Vector<float>.Zero;
        var i = 0;
        for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            lanes += new Vector<float>(row.Slice(i));
        }

        double sum = Vector.Sum(lanes);
        for (; i < row.Length; i++)
        {
            sum += row[i];
        }

        return sum;
    }

    private static double RowSquares(ReadOnlySpan<float> row, float mean)
    {
        var means = new Vector<float>(mean);
        var lanes = Vector<float>.Zero;
        var i = 0;
        for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var d = new Vector<float>(row.Slice(i)) - means;
            lanes += d * d;
        }

        double sum = Vector.Sum(lanes);
        for (; i < row.Length; i++)
        {
            double d = row[i] - mean;
            sum += d * d;
        }

        return sum;
    }

    private static (double Dy, double DyX) RowGradientSums(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean)
    {
        var means = new Vector<float>(mean);
        Vector<float> dyLanes = Vector<float>.Zero, dyxLanes = Vector<float>.Zero;
        var i = 0;
        for (; i <= dy.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var g = new Vector<float>(dy.Slice(i));
            dyLanes += g;
            dyxLanes += g * (new Vector<float>(x.Slice(i)) - means);
        }

        double sumDy = Vector.Sum(dyLanes), sumDyX = Vector.Sum(dyxLanes);
        for (; i < dy.Length; i++)
        {
            sumDy += dy[i];
            sumDyX += dy[i] * (double)(x[i] - mean);
        }

        return (sumDy, sumDyX);
    }

    private static void RowInputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean, float k, float l, float m, Span<float> dx)
    {
        Vector<float> means = new(mean), ks = new(k), ls = new(l), ms = new(m);
        var i = 0;
        for (; i <= dy.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            ((ks * new Vector<float>(dy.Slice(i))) + (ls * (new Vector<float>(x.Slice(i)) - means)) + ms).CopyTo(dx.Slice(i));
        }

        for (; i < dy.Length; i++)
        {
            dx[i] = (k * dy[i]) + (l * (x[i] - mean)) + m;
        }
    }
}
