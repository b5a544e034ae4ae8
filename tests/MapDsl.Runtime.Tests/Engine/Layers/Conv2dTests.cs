using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class Conv2dTests
{
    [Theory]
    [MemberData(nameof(ConvCase.Shapes), MemberType = typeof(ConvCase))]
    public void Forward_matches_a_naive_float64_convolution_whatever_the_images_per_gemm(
        int batch, int inC, int inH, int inW, int outC, int kH, int kW, int stride, int pad)
    {
        ConvCase conv = ConvCase.Create(11, batch, inC, inH, inW, outC, kH, kW, stride, pad);
        double[] expected = conv.Reference(TestTensors.ToDouble(conv.Input), TestTensors.ToDouble(conv.Weights), TestTensors.ToDouble(conv.Bias));

        foreach (int imagesPerGemm in ImagesPerGemmChoices(batch))
        {
            float[] output = TestTensors.Poisoned(conv.OutputLength);
            conv.Forward(output, conv.Scratch(imagesPerGemm));
            Close.ShouldMatch(output, expected, 1e-5, $"output with {imagesPerGemm} images per GEMM");
        }
    }

    [Theory]
    [MemberData(nameof(ConvCase.Shapes), MemberType = typeof(ConvCase))]
    public void Backward_matches_central_differences_for_input_weights_and_bias(
        int batch, int inC, int inH, int inW, int outC, int kH, int kW, int stride, int pad)
    {
        ConvCase conv = ConvCase.Create(12, batch, inC, inH, inW, outC, kH, kW, stride, pad);
        float[] gradOutput = TestTensors.Uniform(new Random(13), conv.OutputLength);
        double[] r = TestTensors.ToDouble(gradOutput);
        double[] x = TestTensors.ToDouble(conv.Input);
        double[] w = TestTensors.ToDouble(conv.Weights);
        double[] b = TestTensors.ToDouble(conv.Bias);

        // loss = Σ r ⊙ conv(x, w, b), so dloss/doutput = r.
        double[] expectedInput = NumericGradient.Of(v => NumericGradient.Dot(r, conv.Reference(v, w, b)), x);
        double[] expectedWeights = NumericGradient.Of(v => NumericGradient.Dot(r, conv.Reference(x, v, b)), w);
        double[] expectedBias = NumericGradient.Of(v => NumericGradient.Dot(r, conv.Reference(x, w, v)), b);

        foreach (int imagesPerGemm in ImagesPerGemmChoices(batch))
        {
            float[] gradInput = TestTensors.Poisoned(conv.InputLength);
            float[] gradWeights = TestTensors.Poisoned(conv.WeightLength);
            float[] gradBias = TestTensors.Poisoned(outC);
            conv.Backward(gradOutput, gradInput, gradWeights, gradBias, conv.Scratch(imagesPerGemm));

            string with = $"with {imagesPerGemm} images per GEMM";
            Close.ShouldMatch(gradInput, expectedInput, 1e-5, $"gradInput {with}");
            Close.ShouldMatch(gradWeights, expectedWeights, 1e-5, $"gradWeights {with}");
            Close.ShouldMatch(gradBias, expectedBias, 1e-5, $"gradBias {with}");
        }
    }

    [Fact]
    public void Backward_without_an_input_gradient_still_gives_the_parameter_gradients()
    {
        ConvCase conv = ConvCase.Create(14, 3, 2, 6, 6, 3, 3, 3, 1, 1);
        float[] gradOutput = TestTensors.Uniform(new Random(15), conv.OutputLength);
        float[] fullWeights = new float[conv.WeightLength], fullBias = new float[conv.OutC];
        conv.Backward(gradOutput, new float[conv.InputLength], fullWeights, fullBias, conv.Scratch(3));

        float[] gradWeights = TestTensors.Poisoned(conv.WeightLength), gradBias = TestTensors.Poisoned(conv.OutC);
        conv.Backward(gradOutput, Span<float>.Empty, gradWeights, gradBias, conv.Scratch(3));

        gradWeights.ShouldBe(fullWeights);
        gradBias.ShouldBe(fullBias);
    }

    [Fact]
    public void Any_scratch_between_one_image_and_the_batch_works_and_too_little_is_refused()
    {
        ConvCase conv = ConvCase.Create(16, 5, 2, 7, 7, 3, 3, 3, 1, 1);
        double[] expected = conv.Reference(TestTensors.ToDouble(conv.Input), TestTensors.ToDouble(conv.Weights), TestTensors.ToDouble(conv.Bias));
        int oneImage = conv.Scratch(1).Length;
        int twoImages = conv.Scratch(2).Length;

        foreach (int length in new[] { oneImage, oneImage + 1, twoImages - 1, twoImages + 7, conv.Scratch(5).Length * 2 })
        {
            float[] output = TestTensors.Poisoned(conv.OutputLength);
            conv.Forward(output, new float[length]);
            Close.ShouldMatch(output, expected, 1e-5, $"output with {length} floats of scratch");
        }

        Should.Throw<ArgumentException>(() => conv.Forward(new float[conv.OutputLength], new float[oneImage - 1]));
    }

    [Fact]
    public void Wrong_buffer_lengths_are_refused()
    {
        ConvCase conv = ConvCase.Create(17, 2, 1, 5, 5, 2, 3, 3, 1, 0);
        Should.Throw<ArgumentException>(() => Conv2d.Forward(
            conv.Input, conv.Weights, conv.Bias, new float[conv.OutputLength + 1], 2, 1, 5, 5, 2, 3, 3, 1, 0, conv.Scratch(2)));
        Should.Throw<ArgumentException>(() => Conv2d.Forward(
            conv.Input, conv.Weights.AsSpan(1), conv.Bias, new float[conv.OutputLength], 2, 1, 5, 5, 2, 3, 3, 1, 0, conv.Scratch(2)));
        Should.Throw<ArgumentException>(() => conv.Backward(
            new float[conv.OutputLength], new float[3], new float[conv.WeightLength], new float[2], conv.Scratch(2)));
    }

    /// <summary>Image by image, two at a time (a partial last group when the batch is odd), and the whole batch at once.</summary>
    private static int[] ImagesPerGemmChoices(int batch) => new[] { 1, 2, batch }.Distinct().Where(n => n <= batch).ToArray();
}
