namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>Central finite differences of a float64 scalar function, the reference every backward is checked against.</summary>
internal static class NumericGradient
{
    /// <summary>
    /// d f / d x[i] ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h for every i. The step suits functions of values near 1: the
    /// truncation error is O(h²) (zero for the piecewise-linear layers away from kinks) and rounding O(1e-16 / h).
    /// </summary>
    public static double[] Of(Func<double[], double> f, double[] x, double h = 1e-5)
    {
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double saved = x[i];
            x[i] = saved + h;
            double up = f(x);
            x[i] = saved - h;
            double down = f(x);
            x[i] = saved;
            gradient[i] = (up - down) / (2 * h);
        }

        return gradient;
    }

    /// <summary>Σ weights ⊙ values: a scalar "loss" whose gradient with respect to the values is the weights.</summary>
    public static double Dot(double[] weights, double[] values)
    {
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += weights[i] * values[i];
        }

        return sum;
    }
}
