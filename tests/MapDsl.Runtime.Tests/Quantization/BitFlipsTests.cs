using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class BitFlipsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_flip_of_bit_b_moves_an_unsigned_code_by_exactly_2_to_the_b(int bits)
    {
        int codeCount = 1 << bits;
        float[] weights = Enumerable.Range(0, codeCount).Select(code => (float)code).ToArray();
        QuantizedTensor tensor = RobustQuantizer.Quantize(weights, bits); // range [0, 2^m - 1]: code = weight, step 1
        ushort[] before = (ushort[])tensor.Codes.Clone();

        for (int bit = 0; bit < bits; bit++)
        {
            for (int code = 0; code < codeCount; code++)
            {
                BitFlips.Apply(tensor, [new BitFlipAt(code, bit)]);
                int change = tensor.Codes[code] - before[code];
                Math.Abs(change).ShouldBe(1 << bit, $"code {code}, bit {bit}");
                ((double)tensor.Decode(code) - weights[code]).ShouldBe(change * tensor.Scale, 1e-9);
                BitFlips.Apply(tensor, [new BitFlipAt(code, bit)]);
            }
        }

        tensor.Codes.ShouldBe(before);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_flip_moves_a_twos_complement_code_by_2_to_the_b_steps_and_the_sign_bit_by_2_to_the_m_minus_1(int bits)
    {
        int levels = (1 << (bits - 1)) - 1;
        double wMax = levels * 0.125; // step 0.125: every decoded weight is exact in float
        float[] weights = Enumerable.Range(-levels, 2 * levels + 1).Select(code => (float)(code * 0.125)).ToArray();

        for (int bit = 0; bit < bits; bit++)
        {
            QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes(weights, wMax, bits);
            BitFlips.Apply(tensor, Enumerable.Range(0, weights.Length).Select(i => new BitFlipAt(i, bit)));

            for (int i = 0; i < weights.Length; i++)
            {
                int code = i - levels;
                double steps = (tensor.Decode(i) - weights[i]) / tensor.Scale;
                bool signBit = bit == bits - 1;
                int expected = signBit
                    ? (code >= 0 ? -(1 << (bits - 1)) : 1 << (bits - 1)) // sign bit: the value crosses zero
                    : ((code & (1 << bit)) == 0 ? 1 << bit : -(1 << bit)); // two's complement bits below the sign add 2^b
                steps.ShouldBe(expected, 1e-9, $"code {code}, bit {bit}");
                ExpectedQuantization.SignedValue(tensor.Codes[i], bits).ShouldBe(code + expected);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void Flipping_the_same_bits_again_restores_the_tensor(int seed)
    {
        var random = new Random(seed);
        float[] weights = RandomWeights.Uniform(random, 300, magnitude: 1.0);
        QuantizedTensor tensor = seed % 2 == 0
            ? RobustQuantizer.Quantize(weights, bits: 8)
            : SymmetricQuantizer.QuantizeToCodes(weights, RandomWeights.MaxAbs(weights), bits: 8);
        var clean = new float[weights.Length];
        tensor.DecodeTo(clean);
        ushort[] codes = (ushort[])tensor.Codes.Clone();
        List<BitFlipAt> flips = RandomBitFlips.Sample(random, weights.Length, bits: 8, rate: 0.05);
        flips.Count.ShouldBeGreaterThan(0);

        BitFlips.Apply(tensor, flips);
        tensor.Codes.ShouldNotBe(codes);
        BitFlips.Apply(tensor, flips);

        tensor.Codes.ShouldBe(codes);
        var restored = new float[weights.Length];
        tensor.DecodeTo(restored);
        restored.ShouldBe(clean);
    }

    [Fact]
    public void DecodeAt_the_flipped_weights_equals_a_full_decode()
    {
        var random = new Random(123);
        float[] weights = RandomWeights.Uniform(random, 400, magnitude: 2.0);
        QuantizedTensor tensor = RobustQuantizer.Quantize(weights, bits: 6, clip: 1.5);
        var incremental = new float[weights.Length];
        tensor.DecodeTo(incremental);
        List<BitFlipAt> flips = RandomBitFlips.Sample(random, weights.Length, bits: 6, rate: 0.02);

        BitFlips.Apply(tensor, flips);
        tensor.DecodeAt(flips.Select(flip => flip.Weight).ToArray(), incremental);

        var full = new float[weights.Length];
        tensor.DecodeTo(full);
        incremental.ShouldBe(full);
    }

    [Fact]
    public void A_weight_out_of_range_is_rejected_before_any_flip_is_applied()
    {
        QuantizedTensor tensor = RobustQuantizer.Quantize([0f, 1f, 2f, 3f], bits: 4);
        ushort[] codes = (ushort[])tensor.Codes.Clone();

        var error = Should.Throw<ArgumentOutOfRangeException>(() => BitFlips.Apply(tensor, [new(0, 0), new(1, 3), new(4, 0)]));

        error.ParamName.ShouldBe("flips");
        error.Message.ShouldContain("Flip 2 targets weight 4, but the tensor has 4 weights (0 to 3); no flip was applied.");
        tensor.Codes.ShouldBe(codes);
        Should.Throw<ArgumentOutOfRangeException>(() => BitFlips.Apply(tensor, [new(-1, 0)])).Message.ShouldContain("weight -1");
    }

    [Fact]
    public void A_bit_beyond_the_word_is_rejected_before_any_flip_is_applied()
    {
        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes([0.5f, -0.5f], 1.0, bits: 4);
        ushort[] codes = (ushort[])tensor.Codes.Clone();

        var error = Should.Throw<ArgumentOutOfRangeException>(() => BitFlips.Apply(tensor, [new(0, 3), new(1, 4)]));

        error.Message.ShouldContain("Flip 1 targets bit 4 of weight 1, but codes have 4 bits (0 to 3); no flip was applied.");
        tensor.Codes.ShouldBe(codes);
        Should.Throw<ArgumentOutOfRangeException>(() => BitFlips.Apply(tensor, [new(0, -1)])).Message.ShouldContain("bit -1");
    }

    [Theory]
    [InlineData(0b0101, 0, 0b0100)]
    [InlineData(0b0101, 1, 0b0111)]
    [InlineData(0x0000, 15, 0x8000)]
    [InlineData(0xFFFF, 15, 0x7FFF)]
    public void Flip_inverts_one_bit_counted_from_the_least_significant(int code, int bit, int expected)
    {
        BitFlips.Flip((ushort)code, bit).ShouldBe((ushort)expected);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void Flip_rejects_bits_outside_a_16_bit_code(int bit)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BitFlips.Flip(0, bit)).Message.ShouldContain($"got bit {bit}");
    }
}
