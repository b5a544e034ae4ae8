using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>Each way an .npy file can be wrong or unsupported, with the message the person who saved it sees.</summary>
public sealed class NpyErrorTests : InterchangeFolder
{
    private static readonly byte[] SixFloats = InterchangeBytes.Float32(1, 2, 3, 4, 5, 6);

    [Fact]
    public void An_empty_file()
    {
        Problem([]).ShouldBe("the file is empty; an .npy file starts with the magic string \\x93NUMPY.");
    }

    [Fact]
    public void Bad_magic()
    {
        Problem([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Z', 1, 0])
            .ShouldBe("not an .npy file: it must start with the magic string \\x93NUMPY (bytes 93 4E 55 4D 50 59), but starts with 93 4E 55 4D 50 5A.");
        Problem([(byte)'x'])
            .ShouldBe("not an .npy file: it must start with the magic string \\x93NUMPY (bytes 93 4E 55 4D 50 59), but starts with 78.");
    }

    [Fact]
    public void An_npz_archive_is_recognised()
    {
        Problem([(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0]).ShouldEndWith(
            "but starts with 50 4B 03 04 14 00. It is a zip archive, as torch.save and np.savez write: in Python, save the tensors with safetensors.torch.save_file, or each array with np.save.");
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void An_unsupported_version(byte major, byte minor)
    {
        byte[] file = InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", "(6,)"), SixFloats);
        file[6] = major;
        file[7] = minor;

        Problem(file).ShouldBe($"unsupported .npy format version {major}.{minor}; this reader knows 1.0, 2.0 and 3.0.");
    }

    [Fact]
    public void A_header_length_beyond_the_file()
    {
        byte[] file = InterchangeBytes.Npy(2, "{}\n");
        file[9] = 1; // the second byte of the 4-byte length: 3 becomes 259

        Problem(file).ShouldBe("the header length is 259 bytes, beyond the end of the file (3 bytes follow the length): the file is truncated.");
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), \n", "expected a quoted key or '}' at position 57, but the header ends")]
    [InlineData("{'descr': '<f4' 'fortran_order': False}\n", "expected '}' at position 16, but found '''")]
    [InlineData("{'descr': <f4}\n", "expected a value at position 10, but found '<'")]
    [InlineData("{'descr': 'f4', 'descr': 'f8'}\n", "the key 'descr' appears twice")]
    [InlineData("{'descr': true}\n", "'true' at position 10 is not a literal (expected True, False or None)")]
    [InlineData("{'descr': '<f4}\n", "a string is not closed")]
    [InlineData("{} x\n", "expected the end of the header at position 3, but found 'x'")]
    public void A_header_that_is_not_a_python_dict_literal(string header, string detail)
    {
        Problem(InterchangeBytes.Npy(1, header)).ShouldBe($"the header is not a Python dict literal: {detail}. The header is: {header.TrimEnd()}");
    }

    [Fact]
    public void A_header_that_is_not_a_dict_or_lacks_a_key()
    {
        Problem(InterchangeBytes.Npy(1, "('<f4', False, (6,))\n")).ShouldBe("the header must be a dict with 'descr', 'fortran_order' and 'shape', but it is: ('<f4', False, (6,))");
        Problem(InterchangeBytes.Npy(1, "{'descr': '<f4', 'fortran_order': False}\n", SixFloats)).ShouldBe("the header has no 'shape'.");
        Problem(InterchangeBytes.Npy(1, "{'fortran_order': False, 'shape': (6,)}\n", SixFloats)).ShouldBe("the header has no 'descr'.");
        Problem(InterchangeBytes.Npy(1, "{'descr': '<f4', 'shape': (6,)}\n", SixFloats)).ShouldBe("the header has no 'fortran_order'.");
    }

    [Fact]
    public void Big_endian_data()
    {
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader(">f4", "(6,)"), SixFloats))
            .ShouldBe("the data is big-endian (descr '>f4'), which this reader does not convert; in Python, save arr.astype('<f4') instead.");
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("=f4", "(6,)"), SixFloats))
            .ShouldBe("descr '=f4' does not say the byte order ('='); files numpy writes say '<' or '>'.");
    }

    [Fact]
    public void Fortran_order()
    {
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", "(2, 3)", fortranOrder: "True"), SixFloats))
            .ShouldBe("the array is stored in Fortran (column-major) order, which this reader does not convert; in Python, save np.ascontiguousarray(arr) instead.");
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", "(2, 3)", fortranOrder: "0"), SixFloats))
            .ShouldStartWith("'fortran_order' must be True or False, but the header is: {'descr': '<f4', 'fortran_order': 0,");
    }

    [Theory]
    [InlineData("<f2")]
    [InlineData("<c8")]
    [InlineData("|b1")]
    [InlineData("<U3")]
    [InlineData("f4")]
    [InlineData("")]
    public void An_unsupported_descr(string descr)
    {
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader(descr, "(6,)"), SixFloats)).ShouldBe(
            $"unsupported descr '{descr}'; this reader converts '<f4', '<f8', '|u1', '<i4' and '<i8' to float. In Python, save arr.astype(np.float32) instead.");
    }

    [Fact]
    public void A_structured_dtype()
    {
        string header = "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (3,), }\n";

        Problem(InterchangeBytes.Npy(1, header, SixFloats))
            .ShouldBe("the array has a structured dtype (a list of fields), which this reader does not convert; save each field as its own array.");
    }

    [Theory]
    [InlineData("(2, -3)")]
    [InlineData("(2, 'x')")]
    [InlineData("6")]
    [InlineData("(4294967296,)")]
    public void A_shape_that_is_not_a_tuple_of_sizes(string shape)
    {
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", shape), SixFloats))
            .ShouldBe("'shape' must be a tuple of non-negative integers up to 2147483647.");
    }

    [Fact]
    public void A_shape_with_more_elements_than_an_array_holds()
    {
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", "(65536, 65536)"), SixFloats))
            .ShouldBe("shape [65536, 65536] has more elements than an array can hold.");
    }

    [Fact]
    public void Data_that_does_not_match_the_shape()
    {
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f8", "(2, 3)"), SixFloats))
            .ShouldBe("the file is truncated: shape [2, 3] of '<f8' needs 48 bytes of data, but only 24 follow the header.");
        Problem(InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", "(5,)"), SixFloats))
            .ShouldBe("shape [5] of '<f4' needs 20 bytes of data, but 24 follow the header; the header and the data disagree.");
    }

    [Fact]
    public void A_version_3_header_that_is_not_utf8()
    {
        byte[] file = InterchangeBytes.Npy(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}\n", SixFloats);
        file[23] = 0xFF;

        Problem(file).ShouldBe("the header of this version 3.0 file is not valid UTF-8.");
    }

    [Fact]
    public void Errors_from_a_file_name_the_file()
    {
        string path = PathOf("weights.npy");
        File.WriteAllBytes(path, InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader(">i8", "(1,)"), new byte[8]));

        var error = Should.Throw<InterchangeFormatException>(() => Npy.Read(path));

        error.Path.ShouldBe(path);
        error.Message.ShouldBe($"{path}: the data is big-endian (descr '>i8'), which this reader does not convert; in Python, save arr.astype('<i8') instead.");
    }

    private static string Problem(byte[] file)
    {
        var error = Should.Throw<InterchangeFormatException>(() => Npy.Read(new MemoryStream(file), "t"));
        error.Path.ShouldBeNull();
        return error.Problem;
    }
}
