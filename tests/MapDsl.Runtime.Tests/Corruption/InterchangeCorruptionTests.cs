using MapDsl.Runtime.Interchange;
using MapDsl.Runtime.Tests.Interchange;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// The corrupt-file matrix for <c>.safetensors</c> and <c>.npy</c> files read from disk: every cut, every single-bit
/// flip, a wrong dtype, a shape that does not fit the data, and length fields large enough to exhaust memory. Each
/// damaged copy reads (a changed value, or a changed name or metadata string) or fails with
/// <see cref="InterchangeFormatException"/> naming the file and the header field, tensor or byte range; a NaN payload
/// reads back bit for bit, as the format stores it.
/// </summary>
public sealed class InterchangeCorruptionTests
{
    private const int SafeTensorsLengthField = 8;
    private const int NpyPrefix = 10;

    private static readonly NamedTensor[] Tensors =
    [
        new("w", [2, 3], [1f, -2f, 0.5f, 3.25f, -0.125f, 1e-3f]),
        new("b", [3], [0f, 1f, -1f]),
        new("s", [], [7f]),
    ];

    [Fact]
    public void Safetensors_files_cut_or_flipped_anywhere_fail_with_the_file_and_place()
    {
        byte[] bytes = SafeTensorsBytes(Tensors, new Dictionary<string, string> { ["format"] = "pt" });
        using var file = SafeTensorsChecker();

        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), damage => damage.At >= SafeTensorsLengthField);

        file.Rejected.ShouldBeGreaterThan(bytes.Length);
        file.Accepted.ShouldBeGreaterThanOrEqualTo(Tensors.Sum(tensor => tensor.Data.Length) * 32); // every value bit
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npy_files_cut_or_flipped_anywhere_fail_with_the_file_and_place(bool version2)
    {
        byte[] bytes = version2
            ? InterchangeBytes.Npy(2, InterchangeBytes.NpyHeader("<f8", "(2, 2)", major: 2), InterchangeBytes.Float64(1, -2, 0.5, 1e300))
            : NpyBytes(Tensors[0]);
        using var file = NpyChecker();

        // Versions 2.0 and 3.0 differ only in the header's encoding, which is ASCII here, so 2 flipped to 3 still reads.
        file.Check(bytes, Damage.Truncations(bytes).Concat(Damage.BitFlips(bytes)), damage => damage.At >= NpyPrefix || (version2 && damage.At == 6 && damage.Bytes[6] == 3));

        file.Rejected.ShouldBeGreaterThan(bytes.Length);
    }

    [Fact]
    public void A_wrong_dtype_or_a_shape_that_does_not_fit_names_the_tensor()
    {
        byte[] valid = SafeTensorsBytes([Tensors[1]]);
        using var file = SafeTensorsChecker();

        file.Attempt(Damage.Replaced("dtype F8", valid, InterchangeBytes.SafeTensors("""{"b":{"dtype":"F8_E4M3","shape":[3],"data_offsets":[0,12]}}""", new byte[12])))
            .ShouldNotBeNull().Problem.ShouldStartWith("tensor 'b' has dtype 'F8_E4M3'");
        file.Attempt(Damage.Replaced("dtype F64 over F32 bytes", valid, InterchangeBytes.SafeTensors("""{"b":{"dtype":"F64","shape":[3],"data_offsets":[0,12]}}""", new byte[12])))
            .ShouldNotBeNull().Problem.ShouldBe("tensor 'b' (F64, shape [3]) needs 24 bytes, but its data_offsets [0, 12] span 12.");
        file.Attempt(Damage.Replaced("shape [4]", valid, InterchangeBytes.SafeTensors("""{"b":{"dtype":"F32","shape":[4],"data_offsets":[0,12]}}""", new byte[12])))
            .ShouldNotBeNull().Problem.ShouldBe("tensor 'b' (F32, shape [4]) needs 16 bytes, but its data_offsets [0, 12] span 12.");
        file.Attempt(Damage.Replaced("negative size", valid, InterchangeBytes.SafeTensors("""{"b":{"dtype":"F32","shape":[-3],"data_offsets":[0,12]}}""", new byte[12])))
            .ShouldNotBeNull().Problem.ShouldStartWith("tensor 'b': 'shape' must be an array of non-negative integers");

        using var npy = NpyChecker();
        byte[] validNpy = NpyBytes(Tensors[1]);
        npy.Attempt(Damage.Replaced("descr <f2", validNpy, InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f2", "(3,)"), new byte[6])))
            .ShouldNotBeNull().Problem.ShouldStartWith("unsupported descr '<f2'");
        npy.Attempt(Damage.Replaced("shape (4,)", validNpy, InterchangeBytes.Npy(1, InterchangeBytes.NpyHeader("<f4", "(4,)"), new byte[12])))
            .ShouldNotBeNull().Problem.ShouldBe("the file is truncated: shape [4] of '<f4' needs 16 bytes of data, but only 12 follow the header.");
    }

    [Fact]
    public void Length_fields_near_their_maximum_fail_before_anything_that_large_is_allocated()
    {
        byte[] safetensors = SafeTensorsBytes(Tensors);
        using var file = SafeTensorsChecker();
        file.Attempt(Damage.Overwrite("header length 2^64 - 1", safetensors, 0, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))
            .ShouldNotBeNull().Problem.ShouldStartWith("the header length is 18446744073709551615 bytes, beyond the end of the file");

        byte[] npy = InterchangeBytes.Npy(2, InterchangeBytes.NpyHeader("<f4", "(3,)", major: 2), new byte[12]);
        using var npyFile = NpyChecker();
        npyFile.Attempt(Damage.Overwrite("header length 2^32 - 1", npy, 8, [0xFF, 0xFF, 0xFF, 0xFF]))
            .ShouldNotBeNull().Problem.ShouldStartWith("the header length is 4294967295 bytes, beyond the end of the file");
        npyFile.Attempt(Damage.Replaced("2^31 - 1 elements", npy, InterchangeBytes.Npy(2, InterchangeBytes.NpyHeader("<f4", "(2147483647,)", major: 2), new byte[12])))
            .ShouldNotBeNull().Problem.ShouldBe("shape [2147483647] has more elements than an array can hold.");
        npyFile.Attempt(Damage.Replaced("2^30 elements", npy, InterchangeBytes.Npy(2, InterchangeBytes.NpyHeader("<f4", "(1073741824,)", major: 2), new byte[12])))
            .ShouldNotBeNull().Problem.ShouldStartWith("the file is truncated: shape [1073741824] of '<f4' needs 4294967296 bytes");
    }

    [Fact]
    public void Nan_and_infinite_payloads_read_back_bit_for_bit()
    {
        float[] special = [float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), float.PositiveInfinity, float.NegativeInfinity];
        using var file = new CorruptFile<InterchangeFormatException>("nan.safetensors", path =>
        {
            float[] read = SafeTensors.Read(path)[0].Data;
            read.Select(BitConverter.SingleToInt32Bits).ShouldBe(special.Select(BitConverter.SingleToInt32Bits));
        }, error => error.Path, NamesPlace);

        file.Attempt(new Damage("NaN payloads", SafeTensorsBytes([new NamedTensor("x", [4], special)]), 0, IsCut: false)).ShouldBeNull();
    }

    private static CorruptFile<InterchangeFormatException> SafeTensorsChecker() =>
        new("model.safetensors", path => SafeTensors.Read(path), error => error.Path, NamesPlace);

    private static CorruptFile<InterchangeFormatException> NpyChecker() =>
        new("array.npy", path => Npy.Read(path), error => error.Path, NamesPlace);

    // Every problem is about a header field (length, JSON, descr, shape, version), a tensor, or the data's byte range.
    private static bool NamesPlace(InterchangeFormatException error) =>
        new[] { "header", "tensor '", "data_offsets", "data buffer", "magic", "version", "byte", "descr", "shape" }
            .Any(place => error.Problem.Contains(place, StringComparison.Ordinal));

    private static byte[] SafeTensorsBytes(IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    private static byte[] NpyBytes(NamedTensor tensor)
    {
        using var stream = new MemoryStream();
        Npy.Write(stream, tensor);
        return stream.ToArray();
    }
}
