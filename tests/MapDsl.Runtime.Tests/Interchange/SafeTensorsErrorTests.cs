using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>Each way a safetensors file can be wrong, with the message the person who exported it sees.</summary>
public sealed class SafeTensorsErrorTests : InterchangeFolder
{
    private static readonly byte[] EightBytes = InterchangeBytes.Float32(1f, 2f);

    [Fact]
    public void An_empty_file()
    {
        Problem([]).ShouldBe("the file is empty; a safetensors file starts with an 8-byte header length.");
    }

    [Fact]
    public void A_file_shorter_than_the_length_field()
    {
        Problem([2, 0, 0]).ShouldBe("the file has only 3 bytes, fewer than the 8-byte header length a safetensors file starts with: it is truncated.");
    }

    [Fact]
    public void A_header_length_beyond_the_file()
    {
        byte[] file = InterchangeBytes.SafeTensors("{}");
        file[0] = 200;

        Problem(file).ShouldBe("the header length is 200 bytes, beyond the end of the file (2 bytes follow the length): the file is truncated or not a safetensors file.");
    }

    [Fact]
    public void A_torch_save_zip_archive_is_recognised()
    {
        byte[] zip = [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0, .. new byte[40]];

        Problem(zip).ShouldBe("the header length is 85966670672 bytes, beyond the end of the file (42 bytes follow the length): the file is truncated or not a safetensors file."
            + " It is a zip archive, as torch.save and np.savez write: in Python, save the tensors with safetensors.torch.save_file, or each array with np.save.");
    }

    [Fact]
    public void An_npy_file_is_recognised()
    {
        using var npy = new MemoryStream();
        Npy.Write(npy, new NamedTensor("x", [1], [1f]));

        Problem(npy.ToArray()).ShouldEndWith("It is an .npy array: read it with Npy.Read.");
    }

    [Fact]
    public void A_header_that_is_not_a_json_object()
    {
        Problem(InterchangeBytes.SafeTensors("[1, 2]")).ShouldBe("the header is not a JSON object (it must start with '{'); this is not a safetensors file or its header is damaged.");
        Problem(InterchangeBytes.SafeTensors("        ")).ShouldBe("the header is not a JSON object (it must start with '{'); this is not a safetensors file or its header is damaged.");
    }

    [Fact]
    public void Malformed_json()
    {
        Problem(InterchangeBytes.SafeTensors("{\"w\": }")).ShouldStartWith("the header is not valid JSON: '}' is an invalid start of a value.");
        Problem(InterchangeBytes.SafeTensors("{\"w\": {}} x")).ShouldStartWith("the header is not valid JSON: ");
        Problem(InterchangeBytes.SafeTensors("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[0,4]}}", EightBytes[..4]))
            .ShouldStartWith("the header is not valid JSON: Duplicate property 'dtype'");
    }

    [Fact]
    public void A_header_that_is_not_utf8()
    {
        byte[] file = InterchangeBytes.SafeTensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", EightBytes[..4]);
        file[10] = 0xFF; // inside the tensor name

        Problem(file).ShouldBe("the header is not valid UTF-8 text; the file is damaged or not a safetensors file.");
    }

    [Fact]
    public void A_tensor_named_twice()
    {
        string header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]}}";

        Problem(InterchangeBytes.SafeTensors(header, EightBytes)).ShouldStartWith("the header is not valid JSON: Duplicate property 'w'");
    }

    [Fact]
    public void An_entry_that_is_not_an_object_or_lacks_a_key()
    {
        Problem(InterchangeBytes.SafeTensors("{\"w\":[1]}")).ShouldBe("tensor 'w' must be an object with 'dtype', 'shape' and 'data_offsets', but it is [1].");
        Problem(InterchangeBytes.SafeTensors("{\"w\":{\"shape\":[],\"data_offsets\":[0,4]}}")).ShouldBe("tensor 'w' has no 'dtype'.");
        Problem(InterchangeBytes.SafeTensors("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}")).ShouldBe("tensor 'w' has no 'shape'.");
        Problem(InterchangeBytes.SafeTensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[]}}")).ShouldBe("tensor 'w' has no 'data_offsets'.");
        Problem(InterchangeBytes.SafeTensors("{\"w\":{\"dtype\":32,\"shape\":[],\"data_offsets\":[0,4]}}")).ShouldBe("tensor 'w': 'dtype' must be a string, but it is 32.");
    }

    [Theory]
    [InlineData("F8_E4M3")]
    [InlineData("U64")]
    [InlineData("f32")]
    public void An_unknown_dtype(string dtype)
    {
        Problem(Entry(dtype, "[1]", "[0,1]", [0])).ShouldBe(
            $"tensor 'w' has dtype '{dtype}', which this reader does not convert to float (it reads F32, F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL).");
    }

    [Theory]
    [InlineData("[2,-1]")]
    [InlineData("[2.5]")]
    [InlineData("\"2\"")]
    [InlineData("[[2]]")]
    public void A_shape_that_is_not_non_negative_integers(string shape)
    {
        Problem(Entry("F32", shape, "[0,8]", EightBytes)).ShouldBe($"tensor 'w': 'shape' must be an array of non-negative integers, but it is {shape}.");
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[0,4,8]")]
    [InlineData("[8,0]")]
    [InlineData("[-1,3]")]
    [InlineData("{}")]
    public void Data_offsets_that_are_not_a_range(string offsets)
    {
        Problem(Entry("F32", "[1]", offsets, EightBytes)).ShouldBe($"tensor 'w': 'data_offsets' must be [begin, end] with 0 <= begin <= end, but it is {offsets}.");
    }

    [Fact]
    public void Data_offsets_that_do_not_span_the_bytes_the_shape_needs()
    {
        Problem(Entry("F32", "[2,3]", "[0,8]", EightBytes)).ShouldBe("tensor 'w' (F32, shape [2, 3]) needs 24 bytes, but its data_offsets [0, 8] span 8.");
        Problem(Entry("F16", "[]", "[0,8]", EightBytes)).ShouldBe("tensor 'w' (F16, shape []) needs 2 bytes, but its data_offsets [0, 8] span 8.");
    }

    [Fact]
    public void A_shape_with_more_elements_than_an_array_holds()
    {
        Problem(Entry("F32", "[4294967296,4294967296]", "[0,8]", EightBytes)).ShouldBe("tensor 'w' has shape [4294967296, 4294967296]: more elements than an array can hold.");
        Problem(Entry("F32", "[4294967296,0]", "[0,0]")).ShouldBe("tensor 'w' has shape [4294967296, 0], with a size beyond 2147483647.");
    }

    [Fact]
    public void Data_offsets_beyond_the_data_buffer()
    {
        Problem(Entry("F32", "[3]", "[0,12]", EightBytes))
            .ShouldBe("tensor 'w' has data_offsets [0, 12], beyond the end of the 8-byte data buffer: the file is truncated or the offsets are wrong.");
    }

    [Fact]
    public void Overlapping_tensors()
    {
        string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";

        Problem(InterchangeBytes.SafeTensors(header, new byte[12])).ShouldBe("tensors 'a' [0, 8] and 'b' [4, 12] overlap in the data buffer.");
    }

    [Fact]
    public void An_empty_tensor_inside_another_overlaps_it()
    {
        string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}";

        Problem(InterchangeBytes.SafeTensors(header, new byte[8])).ShouldBe("tensors 'a' [0, 8] and 'e' [4, 4] overlap in the data buffer.");
    }

    [Fact]
    public void Bytes_that_belong_to_no_tensor()
    {
        string gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        Problem(InterchangeBytes.SafeTensors(gap, new byte[12])).ShouldBe("bytes [4, 8) of the data buffer belong to no tensor; the data_offsets must cover the buffer without gaps.");

        Problem(Entry("F32", "[1]", "[4,8]", EightBytes)).ShouldBe("bytes [0, 4) of the data buffer belong to no tensor; the data_offsets must cover the buffer without gaps.");
        Problem(Entry("F32", "[1]", "[0,4]", EightBytes)).ShouldBe("the data buffer has 8 bytes, but the tensors cover only the first 4; the data_offsets must cover the buffer without gaps.");
        Problem(InterchangeBytes.SafeTensors("{}", [1])).ShouldBe("the data buffer has 1 bytes, but the tensors cover only the first 0; the data_offsets must cover the buffer without gaps.");
    }

    [Fact]
    public void Metadata_that_is_not_a_string_map()
    {
        Problem(InterchangeBytes.SafeTensors("{\"__metadata__\":{\"epochs\":10}}")).ShouldBe("'__metadata__' must be an object of string values, but 'epochs' is 10.");
        Problem(InterchangeBytes.SafeTensors("{\"__metadata__\":\"pt\"}")).ShouldBe("'__metadata__' must be an object of string values, but it is \"pt\".");
    }

    [Fact]
    public void Metadata_reading_checks_the_header_against_the_file_too()
    {
        var error = Should.Throw<InterchangeFormatException>(() => SafeTensors.ReadMetadata(new MemoryStream(Entry("F32", "[3]", "[0,12]", EightBytes))));

        error.Problem.ShouldStartWith("tensor 'w' has data_offsets [0, 12], beyond the end");
    }

    [Fact]
    public void Errors_from_a_file_name_the_file()
    {
        string path = PathOf("broken.safetensors");
        File.WriteAllBytes(path, InterchangeBytes.SafeTensors("{\"w\":{\"dtype\":\"Q4\",\"shape\":[],\"data_offsets\":[0,0]}}"));

        var error = Should.Throw<InterchangeFormatException>(() => SafeTensors.Read(path));

        error.Path.ShouldBe(path);
        error.Message.ShouldBe($"{path}: tensor 'w' has dtype 'Q4', which this reader does not convert to float (it reads F32, F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL).");
        Should.Throw<InterchangeFormatException>(() => SafeTensors.ReadMetadata(path)).Path.ShouldBe(path);
    }

    private static byte[] Entry(string dtype, string shape, string offsets, params byte[] data) =>
        InterchangeBytes.SafeTensors($"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}}}", data);

    private static string Problem(byte[] file)
    {
        var error = Should.Throw<InterchangeFormatException>(() => SafeTensors.Read(new MemoryStream(file)));
        error.Path.ShouldBeNull();
        error.Message.ShouldBe(error.Problem);
        return error.Problem;
    }
}
