using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace MapDsl.Experiments;

/// <summary>
/// Fractional options that read the same in every culture. System.CommandLine parses numbers in the current culture,
/// so under de-DE or tr-TR (decimal comma, '.' groups thousands) "--lr 0.01" silently became 1: a command line, like
/// the files, must mean one thing wherever it runs.
/// </summary>
public static class InvariantNumberOption
{
    /// <summary>Makes <paramref name="option"/> read its value with a decimal point in any culture (0.01, 1e-3).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="option">The option; its default, if any, is kept.</param>
    /// <returns>The same option.</returns>
    public static Option<T> ReadInvariantly<T>(this Option<T> option)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return option.DefaultValueFactory is { } defaultValue ? defaultValue(result) : default;
            }

            string token = result.Tokens[^1].Value;
            if (T.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out T? value))
            {
                return value;
            }

            result.AddError($"{option.Name} must be a number written with a decimal point, e.g. 0.01, got '{token}'.");
            return default;
        };
        return option;
    }

    /// <summary>The same for an option without a default, whose value is null when it is not given.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The same option.</returns>
    public static Option<T?> ReadInvariantly<T>(this Option<T?> option)
        where T : struct, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return null;
            }

            string token = result.Tokens[^1].Value;
            if (T.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out T value))
            {
                return value;
            }

            result.AddError($"{option.Name} must be a number written with a decimal point, e.g. 0.01, got '{token}'.");
            return null;
        };
        return option;
    }
}
