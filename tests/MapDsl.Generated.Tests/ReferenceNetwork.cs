namespace MapDsl.Generated.Tests;

/// <summary>
/// Plain float64 loops for the layers of the language, written from their definitions
/// (PyTorch semantics), to check the generated models against a second implementation.
/// </summary>
internal static class ReferenceNetwork
{
    public static double[] Conv(double[] x, int c, int h, int w, float[] weights, float[] bias, int outC, int k, int stride, int pad, out int outH, out int outW)
    {
        outH = ((h + (2 * pad) - k) / stride) + 1;
        outW = ((w + (2 * pad) - k) / stride) + 1;
        var y = new double[outC * outH * outW];
        for (var o = 0; o < outC; o++)
        {
            for (var i = 0; i < outH; i++)
            {
                for (var j = 0; j < outW; j++)
                {
                    double sum = bias[o];
                    for (var ci = 0; ci < c; ci++)
                    {
                        for (var a = 0; a < k; a++)
                        {
                            for (var b = 0; b < k; b++)
                            {
                                var row = (i * stride) + a - pad;
                                var col = (j * stride) + b - pad;
                                if (row >= 0 && row < h && col >= 0 && col < w)
                                {
                                    sum += weights[(((o * c) + ci) * k * k) + (a * k) + b] * x[(((ci * h) + row) * w) + col];
                                }
                            }
                        }
                    }

                    y[(((o * outH) + i) * outW) + j] = sum;
                }
            }
        }

        return y;
    }

    public static double[] MaxPool(double[] x, int c, int h, int w, int k)
    {
        int outH = h / k, outW = w / k;
        var y = new double[c * outH * outW];
        for (var ci = 0; ci < c; ci++)
        {
            for (var i = 0; i < outH; i++)
            {
                for (var j = 0; j < outW; j++)
                {
                    var best = double.NegativeInfinity;
                    for (var a = 0; a < k; a++)
                    {
                        for (var b = 0; b < k; b++)
                        {
                            best = Math.Max(best, x[(((ci * h) + (i * k) + a) * w) + (j * k) + b]);
                        }
                    }

                    y[(((ci * outH) + i) * outW) + j] = best;
                }
            }
        }

        return y;
    }

    public static double[] Dense(double[] x, float[] weights, float[] bias)
    {
        var outputs = bias.Length;
        var y = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            double sum = bias[o];
            for (var i = 0; i < x.Length; i++)
            {
                sum += weights[(o * x.Length) + i] * x[i];
            }

            y[o] = sum;
        }

        return y;
    }

    public static double[] Relu(double[] x) => [.. x.Select(v => Math.Max(0, v))];

    public static double CrossEntropy(double[] logits, int label)
    {
        var max = logits.Max();
        var log = Math.Log(logits.Sum(l => Math.Exp(l - max))) + max;
        return log - logits[label];
    }

    /// <summary>LeNet-5 of lenet5.xmap on one 1x28x28 image.</summary>
    public static double[] LeNet5(ReadOnlySpan<float> image, Lab.LeNet.LeNet5.Weights w)
    {
        var x = image.ToArray().Select(v => (double)v).ToArray();
        var a = Relu(Conv(x, 1, 28, 28, w.C1, w.C1Bias, 6, 5, 1, 2, out var h1, out var w1));
        a = MaxPool(a, 6, h1, w1, 2);
        a = Relu(Conv(a, 6, 14, 14, w.C2, w.C2Bias, 16, 5, 1, 0, out var h2, out var w2));
        a = MaxPool(a, 16, h2, w2, 2);
        a = Relu(Dense(a, w.F1, w.F1Bias));
        a = Relu(Dense(a, w.F2, w.F2Bias));
        return Dense(a, w.F3, w.F3Bias);
    }

    /// <summary>The 784-128-10 perceptron of systolic.xmap on one input.</summary>
    public static double[] Mlp(ReadOnlySpan<float> input, Lab.Systolic.Mlp.Weights w)
    {
        var x = input.ToArray().Select(v => (double)v).ToArray();
        return Dense(Relu(Dense(x, w.H, w.HBias)), w.Out, w.OutBias);
    }
}
