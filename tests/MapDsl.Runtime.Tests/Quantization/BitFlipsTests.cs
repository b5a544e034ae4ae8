using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class BitFlipsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_flip_of_bit_b_moves_an_unsigned_code_by_exactly_2_to_the_b(int bits)
    {
        // Symmetric unsigned codes on a grid of step 0.125: q = 8 w is stored as q + 2^(m−1), in 1 .. 2^m − 1, and a
        // symmetric tensor decodes without clamping, so every flip reads back as exactly ±2^b steps.
        int levels = (1 << (bits - 1)) - 1;
        float[] weights = [.. Enumerable.Range(-levels, 2 * levels + 1).Select(q => q * 0.125f)];
        var quantizer = new Quantizer(bits, QuantizationRange.Symmetric, CodeEncoding.Unsigned);

        for (int bit = 0; bit < bits; bit++)
        {
            QuantizedTensor tensor = quantizer.Quantize(weights);
            ushort[] before = (ushort[])tensor.Codes.Clone();
            BitFlips.Apply(tensor, Enumerable.Range(0, weights.Length).Select(i => new BitFlipAt(i, bit)));

            for (int i = 0; i < weights.Length; i++)
            {
                int change = tensor.Codes[i] - before[i];
                change.ShouldBe((before[i] & (1 << bit)) == 0 ? 1 << bit : -(1 << bit), $"code {before[i]}, bit {bit}");
                tensor.Decode(i).ShouldBe(weights[i] + (change * 0.125f), $"code {before[i]}, bit {bit}");
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void A_flip_of_an_asymmetric_unsigned_code_moves_it_2_to_the_b_steps_inside_the_range_and_clamps_outside(int bits)
    {
        float[] weights = RandomWeights.Uniform(new Random(bits), 400, magnitude: 1.0);
        var quantizer = Quantizer.Robust(bits);
        var expected = ExpectedQuantization.Of(quantizer);
        int clamped = 0;
        int shifted = 0;
        bool Inside(int stored) => Math.Abs(expected.ValueOf(stored) * expected.Delta) <= 1; // x = q Δ needs no clamp

        for (int bit = 0; bit < bits; bit++)
        {
            QuantizedTensor tensor = quantizer.Quantize(weights);
            ushort[] before = (ushort[])tensor.Codes.Clone();
            BitFlips.Apply(tensor, Enumerable.Range(0, weights.Length).Select(i => new BitFlipAt(i, bit)));

            for (int i = 0; i < weights.Length; i++)
            {
                int stored = before[i] ^ (1 << bit);
                tensor.Decode(i).ShouldBe((float)expected.Weight(stored, tensor.Low, tensor.High));
                if (!Inside(stored))
                {
                    tensor.Decode(i).ShouldBe(stored > before[i] ? (float)tensor.High : (float)tensor.Low);
                    clamped++;
                }
                else if (Inside(before[i]))
                {
                    double moved = (tensor.Decode(i) - (double)tensor.DecodeFlipped(i, 1 << bit)) / tensor.Scale;
                    moved.ShouldBe(stored - before[i], 1e-3);
                    shifted++;
                }
            }
        }

        clamped.ShouldBeGreaterThan(0, "flips of the top bit beyond ±1 are clamped to lo or hi");
        shifted.ShouldBeGreaterThan(weights.Length);
    }

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void Flipping_the_same_bits_again_restores_the_tensor(int seed)
    {
        var random = new Random(seed);
        float[] weights = RandomWeights.Uniform(random, 300, magnitude: 1.0);
        var quantizer = new Quantizer(8, (QuantizationRange)(seed % 2), (CodeEncoding)(seed / 2 % 2), (CodeRounding)(seed / 4 % 2));
        QuantizedTensor tensor = quantizer.Quantize(weights);
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
        QuantizedTensor tensor = Quantizer.Robust(6, clip: 1.5).Quantize(weights);
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
        QuantizedTensor tensor = Quantizer.Robust(4).Quantize([0f, 1f, 2f, 3f]);
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
        QuantizedTensor tensor = Quantizer.Symmetric(4).Quantize([0.5f, -0.5f]);
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
