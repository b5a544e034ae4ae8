using MathNet.Numerics.LinearAlgebra;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// Float64 forward passes written straight from the definitions (naive loops, or MathNet for the matrix product),
/// independent of the runtime's im2col and GEMM. Layouts as in the runtime: NCHW activations, PyTorch weights.
/// </summary>
internal static class ReferenceLayers
{
    public static double[] Conv(
        double[] x, double[] w, double[] b, int batch, int inC, int inH, int inW, int outC, int kH, int kW, int stride, int pad)
    {
        int outH = (inH + 2 * pad - kH) / stride + 1;
        int outW = (inW + 2 * pad - kW) / stride + 1;
        var y = new double[batch * outC * outH * outW];
        for (int n = 0, index = 0; n < batch; n++)
        {
            for (int o = 0; o < outC; o++)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++, index++)
                    {
                        double sum = b[o];
                        for (int c = 0; c < inC; c++)
                        {
                            for (int ky = 0; ky < kH; ky++)
                            {
                                for (int kx = 0; kx < kW; kx++)
                                {
                                    int iy = oy * stride - pad + ky;
                                    int ix = ox * stride - pad + kx;
                                    if (iy >= 0 && iy < inH && ix >= 0 && ix < inW)
                                    {
                                        sum += x[((n * inC + c) * inH + iy) * inW + ix] * w[((o * inC + c) * kH + ky) * kW + kx];
                                    }
                                }
                            }
                        }

                        y[index] = sum;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>Y = X·Wᵀ + b with MathNet: X [batch, in], W [out, in] row-major.</summary>
    public static double[] Dense(double[] x, double[] w, double[] b, int batch, int inputs, int outputs)
    {
        Matrix<double> input = Matrix<double>.Build.DenseOfRowMajor(batch, inputs, x);
        Matrix<double> weights = Matrix<double>.Build.DenseOfRowMajor(outputs, inputs, w);
        Matrix<double> bias = Matrix<double>.Build.Dense(batch, outputs, (_, o) => b[o]);
        return (input * weights.Transpose() + bias).ToRowMajorArray();
    }

    public static double[] MaxPool(double[] x, int planes, int inH, int inW, int kH, int kW, int strideH, int strideW) =>
        Pool(x, planes, inH, inW, kH, kW, strideH, strideW, window => window.Max());

    public static double[] AvgPool(double[] x, int planes, int inH, int inW, int kH, int kW, int strideH, int strideW) =>
        Pool(x, planes, inH, inW, kH, kW, strideH, strideW, window => window.Average());

    public static double[] Relu(double[] x) => Array.ConvertAll(x, v => Math.Max(v, 0));

    /// <summary>Mean over rows of −log softmax(z)[label], summed naively (callers keep logits small or shift them).</summary>
    public static double SoftmaxCrossEntropy(double[] logits, byte[] labels, int batch, int classes)
    {
        double total = 0;
        for (int n = 0; n < batch; n++)
        {
            double sum = 0;
            for (int j = 0; j < classes; j++)
            {
                sum += Math.Exp(logits[n * classes + j]);
            }

            total += -Math.Log(Math.Exp(logits[n * classes + labels[n]]) / sum);
        }

        return total / batch;
    }

    /// <summary>PyTorch's batch-norm ε (the reference uses the exact decimal; the runtime's float constant differs by 3e-13).</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>
    /// Batch norm in training mode over [batch, channels, plane]: each channel normalised with the batch's own mean and
    /// biased variance, then γ·x̂ + β. Also returns those statistics.
    /// </summary>
    public static double[] BatchNormTraining(
        double[] x, int batch, int channels, int plane, double[] gamma, double[] beta, out double[] mean, out double[] biasedVariance)
    {
        mean = new double[channels];
        biasedVariance = new double[channels];
        int count = batch * plane;
        for (int c = 0; c < channels; c++)
        {
            var values = new List<double>();
            for (int n = 0; n < batch; n++)
            {
                for (int p = 0; p < plane; p++)
                {
                    values.Add(x[(n * channels + c) * plane + p]);
                }
            }

            mean[c] = values.Sum() / count;
            double m = mean[c];
            biasedVariance[c] = values.Sum(v => (v - m) * (v - m)) / count;
        }

        return BatchNormInference(x, batch, channels, plane, gamma, beta, mean, biasedVariance);
    }

    /// <summary>Batch norm with given statistics: (x − mean[c]) / √(variance[c] + ε) · γ[c] + β[c].</summary>
    public static double[] BatchNormInference(
        double[] x, int batch, int channels, int plane, double[] gamma, double[] beta, double[] mean, double[] variance)
    {
        var y = new double[x.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < plane; p++)
                {
                    int i = (n * channels + c) * plane + p;
                    y[i] = (x[i] - mean[c]) / Math.Sqrt(variance[c] + BatchNormEpsilon) * gamma[c] + beta[c];
                }
            }
        }

        return y;
    }

    /// <summary>[planes, plane] to [planes]: each plane's mean.</summary>
    public static double[] GlobalAvgPool(double[] x, int planes, int plane)
    {
        var y = new double[planes];
        for (int i = 0; i < planes; i++)
        {
            y[i] = x.Skip(i * plane).Take(plane).Average();
        }

        return y;
    }

    public static double[] Add(double[] a, double[] b) => a.Zip(b, (u, v) => u + v).ToArray();

    private static double[] Pool(
        double[] x, int planes, int inH, int inW, int kH, int kW, int strideH, int strideW, Func<List<double>, double> reduce)
    {
        int outH = (inH - kH) / strideH + 1;
        int outW = (inW - kW) / strideW + 1;
        var y = new double[planes * outH * outW];
        for (int p = 0, index = 0; p < planes; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++, index++)
                {
                    var window = new List<double>();
                    for (int ky = 0; ky < kH; ky++)
                    {
                        for (int kx = 0; kx < kW; kx++)
                        {
                            window.Add(x[(p * inH + oy * strideH + ky) * inW + ox * strideW + kx]);
                        }
                    }

                    y[index] = reduce(window);
                }
            }
        }

        return y;
    }
}
