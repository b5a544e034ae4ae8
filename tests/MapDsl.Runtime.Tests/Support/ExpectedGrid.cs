namespace MapDsl.Runtime.Tests.Support;

/// <summary>
/// What a weight should read back as after conductance quantization, derived in weight space (not by calling the
/// runtime): L levels span the range of one cell.
/// </summary>
internal static class ExpectedGrid
{
    /// <summary>Two-column / differential: |w| snaps to multiples of w_max / (L - 1), sign kept.</summary>
    public static double Magnitude(double w, double wMax, int levels)
    {
        double steps = levels - 1;
        return Math.Sign(w) * Math.Round(Math.Abs(w) * steps / wMax, MidpointRounding.AwayFromZero) * wMax / steps;
    }

    /// <summary>Offset: w snaps to the grid -w_max + n * 2 w_max / (L - 1).</summary>
    public static double Offset(double w, double wMax, int levels)
    {
        double step = 2 * wMax / (levels - 1);
        return -wMax + Math.Round((w + wMax) / step, MidpointRounding.AwayFromZero) * step;
    }
}
