using MapDsl.Runtime.Interchange;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>
/// Files built by hand from the format description, with expected values taken from the IEEE 754 definitions of the
/// stored bit patterns (not from a conversion routine), so the decoding is checked independently.
/// </summary>
public sealed class SafeTensorsHandWrittenTests
{
    [Fact]
    public void F16_values_widen_exactly_including_subnormals_infinities_signed_zero_and_nan()
    {
        ushort[] stored = [0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001, 0x0400, 0x03FF, 0x7C00, 0xFC00, 0x8000, 0x7E00];
        double[] expected =
        [
            1, -2, 0.333251953125, 65504, Math.ScaleB(1, -24), Math.ScaleB(1, -14), 1023 * Math.ScaleB(1, -24),
            double.PositiveInfinity, double.NegativeInfinity, -0.0, double.NaN,
        ];

        NamedTensor tensor = ReadOne("F16", [11], InterchangeBytes.UInt16(stored));

        tensor.Shape.ShouldBe([11]);
        ShouldBeExactly(tensor.Data, expected);
    }

    [Fact]
    public void BF16_values_widen_exactly()
    {
        ushort[] stored = [0x3F80, 0xC040, 0x4049, 0x7F7F, 0x0080, 0x0001, 0xFF80, 0x8000, 0x7FC0];
        double[] expected =
        [
            1, -3, 3.140625, (2 - Math.ScaleB(1, -7)) * Math.ScaleB(1, 127), Math.ScaleB(1, -126), Math.ScaleB(1, -133),
            double.NegativeInfinity, -0.0, double.NaN,
        ];

        NamedTensor tensor = ReadOne("BF16", [3, 3], InterchangeBytes.UInt16(stored));

        tensor.Shape.ShouldBe([3, 3]);
        ShouldBeExactly(tensor.Data, expected);
    }

    [Fact]
    public void F64_values_round_to_the_nearest_float_and_overflow_to_infinity()
    {
        double[] stored = [3.0, -0.1, 1e300, -1e300, 1e-50, Math.ScaleB(1, -149), 16777217.0, 16777219.0];
        double[] expected = [3.0, -0.100000001490116119384765625, double.PositiveInfinity, double.NegativeInfinity, 0, Math.ScaleB(1, -149), 16777216, 16777220];

        NamedTensor tensor = ReadOne("F64", [2, 2, 2], InterchangeBytes.Float64(stored));

        ShouldBeExactly(tensor.Data, expected);
    }

    [Fact]
    public void Integer_and_bool_dtypes_become_their_nearest_float()
    {
        ReadOne("I64", [4], InterchangeBytes.Int64(0, -5, 1L << 40, 16777217)).Data.ShouldBe([0f, -5f, 1099511627776f, 16777216f]);
        ReadOne("I64", [], InterchangeBytes.Int64(1234)).Data.ShouldBe([1234f]); // BatchNorm's num_batches_tracked
        ReadOne("I32", [2], InterchangeBytes.Int32(int.MinValue, 7)).Data.ShouldBe([-2147483648f, 7f]);
        ReadOne("I16", [2], InterchangeBytes.UInt16(0xFFFF, 0x7FFF)).Data.ShouldBe([-1f, 32767f]);
        ReadOne("I8", [2], [0xFF, 0x7F]).Data.ShouldBe([-1f, 127f]);
        ReadOne("U8", [2], [0xFF, 0x7F]).Data.ShouldBe([255f, 127f]);
        ReadOne("BOOL", [3], [0, 1, 2]).Data.ShouldBe([0f, 1f, 1f]);
    }

    [Fact]
    public void Tensors_come_in_data_order_whatever_the_header_order_and_mixed_dtypes_share_the_buffer()
    {
        string header = """
            {
              "z": {"dtype": "F16", "shape": [2], "data_offsets": [12, 16]},
              "__metadata__": {"format": "pt"},
              "a": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]},
              "m": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]},
              "e": {"dtype": "BF16", "shape": [0, 4], "data_offsets": [16, 16]}
            }
            """;
        byte[] file = InterchangeBytes.SafeTensors(header + "\n   ", InterchangeBytes.Float64(0.5), InterchangeBytes.Float32(-4f), InterchangeBytes.UInt16(0x3C00, 0x4000));

        IReadOnlyList<NamedTensor> tensors = SafeTensors.Read(new MemoryStream(file));

        tensors.Select(tensor => tensor.Name).ShouldBe(["a", "m", "z", "e"]);
        tensors[0].Data.ShouldBe([0.5f]);
        tensors[1].Data.ShouldBe([-4f]);
        tensors[2].Data.ShouldBe([1f, 2f]);
        tensors[3].Shape.ShouldBe([0, 4]);
        tensors[3].Data.ShouldBeEmpty();
        SafeTensors.ReadMetadata(new MemoryStream(file)).ShouldBe(new Dictionary<string, string> { ["format"] = "pt" });
    }

    [Fact]
    public void A_stream_that_cannot_seek_reads_like_one_that_can()
    {
        byte[] file = InterchangeBytes.SafeTensors("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", InterchangeBytes.Float32(1.25f, -8f));

        SafeTensors.Read(new ForwardOnlyStream(file)).ShouldHaveSingleItem().Data.ShouldBe([1.25f, -8f]);
    }

    [Fact]
    public void Reading_starts_at_the_stream_position()
    {
        byte[] file = InterchangeBytes.SafeTensors("""{"w":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}""", InterchangeBytes.Float32(9f));
        var stream = new MemoryStream([0xAA, 0xBB, .. file]) { Position = 2 };

        SafeTensors.Read(stream).ShouldHaveSingleItem().Data.ShouldBe([9f]);
    }

    private static NamedTensor ReadOne(string dtype, int[] shape, byte[] data)
    {
        string header = "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + string.Join(",", shape) + "],\"data_offsets\":[0," + data.Length + "]}}";
        return SafeTensors.Read(new MemoryStream(InterchangeBytes.SafeTensors(header, data))).ShouldHaveSingleItem();
    }

    private static void ShouldBeExactly(float[] actual, double[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int index = 0; index < expected.Length; index++)
        {
            // Compared as doubles: every expected value is a float, so equality is exact; the sign of zero counts too.
            double value = actual[index];
            if (double.IsNaN(expected[index]))
            {
                double.IsNaN(value).ShouldBeTrue($"element {index}");
            }
            else
            {
                value.ShouldBe(expected[index], $"element {index}");
                double.IsNegative(value).ShouldBe(double.IsNegative(expected[index]), $"sign of element {index}");
            }
        }
    }
}
