using System.Globalization;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The row format of <c>trials.csv</c>: seven comma-separated fields, invariant culture, numbers in round-trip form,
/// names unquoted (<see cref="CampaignConfiguration"/> keeps them free of commas and quotes).
/// </summary>
internal static class TrialsCsv
{
    public const string Header = "mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy";

    public static string Line(Trial trial, double accuracy) => string.Join(
        ',',
        trial.Configuration.Mapping,
        trial.Configuration.Scheme,
        RateText.Format(trial.Configuration.Sparsity),
        RateText.Format(trial.StuckOnRate),
        RateText.Format(trial.StuckOffRate),
        trial.Chip.ToString(CultureInfo.InvariantCulture),
        RateText.Format(accuracy));

    /// <summary>Parses a complete row, or returns the problem (phrased for the file's owner) in <paramref name="problem"/>.</summary>
    public static TrialRow? Parse(string line, out string problem)
    {
        string[] fields = line.Split(',');
        if (fields.Length != 7)
        {
            problem = $"expected 7 comma-separated fields ({Header}), found {fields.Length}: '{line}'.";
            return null;
        }

        if (!Number(fields[2], "sparsity", out double sparsity, out problem)
            || !Number(fields[3], "stuck_on_rate", out double stuckOn, out problem)
            || !Number(fields[4], "stuck_off_rate", out double stuckOff, out problem)
            || !Number(fields[6], "accuracy", out double accuracy, out problem))
        {
            return null;
        }

        if (!int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out int chip))
        {
            problem = $"the chip '{fields[5]}' is not a whole number at least 0.";
            return null;
        }

        try
        {
            problem = string.Empty;
            return new TrialRow(new Trial(new CampaignConfiguration(fields[0], fields[1], sparsity), stuckOn, stuckOff, chip), accuracy);
        }
        catch (ArgumentException invalid)
        {
            // The validating constructors phrase the problem; drop the "(Parameter ...)" suffix the BCL appends.
            problem = FirstSentence(invalid);
            return null;
        }
    }

    private static bool Number(string field, string name, out double value, out string problem)
    {
        bool ok = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        problem = ok ? string.Empty : $"the {name} '{field}' is not a number.";
        return ok;
    }

    private static string FirstSentence(ArgumentException invalid)
    {
        string message = invalid.Message;
        int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
