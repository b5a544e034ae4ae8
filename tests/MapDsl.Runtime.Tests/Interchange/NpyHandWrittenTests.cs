using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>.npy files built by hand from the format description, in each header version and style numpy has written.</summary>
public sealed class NpyHandWrittenTests
{
    [Fact]
    public void Version_1_f8_values_round_to_the_nearest_float()
    {
        byte[] file = InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f8", "(2, 2)"), InterchangeBytes.Float64(0.5, -0.1, 1e300, 16777217));

        NamedTensor tensor = Npy.Read(new MemoryStream(file), "x");

        tensor.Name.ShouldBe("x");
        tensor.Shape.ShouldBe([2, 2]);
        tensor.Data.ShouldBe([0.5f, -0.100000001490116119384765625f, float.PositiveInfinity, 16777216f]);
    }

    [Fact]
    public void Version_2_u1_bytes_become_0_to_255()
    {
        byte[] file = InterchangeBytes.Npy(2, InterchangeBytes.NpyHeader("|u1", "(3,)", major: 2), [0, 128, 255]);

        Npy.Read(new MemoryStream(file), "u").Data.ShouldBe([0f, 128f, 255f]);
    }

    [Fact]
    public void Version_3_utf8_header_with_i4_and_i8()
    {
        byte[] i4 = InterchangeBytes.Npy(3, InterchangeBytes.NpyHeader("<i4", "(2,)", major: 3), InterchangeBytes.Int32(-7, int.MaxValue));
        byte[] i8 = InterchangeBytes.Npy(3, InterchangeBytes.NpyHeader("<i8", "()", major: 3), InterchangeBytes.Int64(-(1L << 40)));

        Npy.Read(new MemoryStream(i4), "i").Data.ShouldBe([-7f, 2147483648f]);
        NamedTensor scalar = Npy.Read(new MemoryStream(i8), "s");
        scalar.Shape.ShouldBeEmpty();
        scalar.Data.ShouldBe([-1099511627776f]);
    }

    [Fact]
    public void Old_style_headers_are_read_python_2_longs_double_quotes_key_order_and_16_byte_padding()
    {
        // As numpy under Python 2 wrote them: long integers with an L, padded only to a multiple of 16.
        string header = "{\"shape\": (2L, 1L), 'fortran_order': False, 'descr': '<f4'}     \n";

        NamedTensor tensor = Npy.Read(new MemoryStream(InterchangeBytes.Npy(1, header, InterchangeBytes.Float32(3f, 4f))), "old");

        tensor.Shape.ShouldBe([2, 1]);
        tensor.Data.ShouldBe([3f, 4f]);
    }

    [Fact]
    public void One_byte_types_may_name_any_byte_order_and_extra_keys_are_ignored()
    {
        string header = "{'descr': '<u1', 'fortran_order': False, 'shape': [2], 'extra': None}\n";

        Npy.Read(new MemoryStream(InterchangeBytes.Npy(1, header, [1, 2])), "b").Data.ShouldBe([1f, 2f]);
    }

    [Fact]
    public void Empty_arrays_and_forward_only_streams()
    {
        byte[] file = InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f8", "(0, 5)"));

        NamedTensor tensor = Npy.Read(new ForwardOnlyStream(file), "e");

        tensor.Shape.ShouldBe([0, 5]);
        tensor.Data.ShouldBeEmpty();
    }
}
