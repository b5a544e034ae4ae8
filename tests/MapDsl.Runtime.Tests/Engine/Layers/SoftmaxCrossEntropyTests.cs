using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class SoftmaxCrossEntropyTests
{
    [Theory]
    [InlineData(61, 1, 2)]
    [InlineData(62, 5, 10)]
    [InlineData(63, 16, 3)]
    public void Loss_and_probabilities_match_float64(int seed, int batch, int classes)
    {
        var random = new Random(seed);
        float[] logits = TestTensors.Uniform(random, batch * classes, magnitude: 4);
        byte[] labels = RandomLabels(random, batch, classes);
        float[] probabilities = TestTensors.Poisoned(batch * classes);

        double loss = SoftmaxCrossEntropy.Forward(logits, labels, batch, classes, probabilities);

        double[] z = TestTensors.ToDouble(logits);
        loss.ShouldBe(ReferenceLayers.SoftmaxCrossEntropy(z, labels, batch, classes), 1e-12);
        for (int n = 0; n < batch; n++)
        {
            double sum = Enumerable.Range(0, classes).Sum(j => Math.Exp(z[n * classes + j]));
            double[] expected = Enumerable.Range(0, classes).Select(j => Math.Exp(z[n * classes + j]) / sum).ToArray();
            Close.ShouldMatch(probabilities.AsSpan(n * classes, classes), expected, 1e-7, $"probabilities of row {n}");
        }
    }

    [Theory]
    [InlineData(64, 1, 2)]
    [InlineData(65, 4, 10)]
    public void Gradient_matches_central_differences_of_the_mean_loss(int seed, int batch, int classes)
    {
        var random = new Random(seed);
        float[] logits = TestTensors.Uniform(random, batch * classes, magnitude: 3);
        byte[] labels = RandomLabels(random, batch, classes);
        double[] expected = NumericGradient.Of(
            z => ReferenceLayers.SoftmaxCrossEntropy(z, labels, batch, classes), TestTensors.ToDouble(logits));

        float[] probabilities = new float[batch * classes];
        SoftmaxCrossEntropy.Forward(logits, labels, batch, classes, probabilities);
        float[] gradLogits = TestTensors.Poisoned(batch * classes);
        SoftmaxCrossEntropy.Backward(probabilities, labels, gradLogits, batch, classes);

        Close.ShouldMatch(gradLogits, expected, 1e-7, "gradLogits");

        SoftmaxCrossEntropy.Backward(probabilities, labels, probabilities, batch, classes); // in place
        probabilities.ShouldBe(gradLogits);
    }

    [Fact]
    public void Large_logits_neither_overflow_nor_lose_the_loss()
    {
        // Softmax is shift invariant: [1000, 1001, 999] behaves as [0, 1, -1], whose naive float64 loss is exact enough.
        float[] logits = [1000f, 1001f, 999f, -1e30f, 1e30f, 0f];
        byte[] labels = [0, 0];
        float[] probabilities = new float[6];

        double loss = SoftmaxCrossEntropy.Forward(logits, labels, 2, 3, probabilities);

        double shiftedLoss = ReferenceLayers.SoftmaxCrossEntropy([0, 1, -1], [0], 1, 3);
        double secondRowLoss = (double)1e30f - (double)-1e30f; // log(1 + 2 e^−huge) − (z[0] − max)
        double.IsFinite(loss).ShouldBeTrue();
        loss.ShouldBe((shiftedLoss + secondRowLoss) / 2, 1e-12 * secondRowLoss);
        SoftmaxCrossEntropy.Forward(logits.AsSpan(0, 3), labels.AsSpan(0, 1), 1, 3, probabilities.AsSpan(0, 3)).ShouldBe(shiftedLoss, 1e-12);
        probabilities.ShouldAllBe(p => float.IsFinite(p));
        probabilities[4].ShouldBe(1f);
        probabilities.AsSpan(0, 3).ToArray().Sum().ShouldBe(1f, 1e-6f);
    }

    [Fact]
    public void ArgMax_and_accuracy_take_the_first_of_equal_scores()
    {
        SoftmaxCrossEntropy.ArgMax([0.1f, 0.7f, 0.7f, 0.2f]).ShouldBe(1);
        float[] scores = [0.9f, 0.1f, 0.2f, 0.8f, 0.5f, 0.5f];
        SoftmaxCrossEntropy.CountCorrect(scores, [0, 0, 1], 3, 2).ShouldBe(1);
        SoftmaxCrossEntropy.Accuracy(scores, [0, 1, 0], 3, 2).ShouldBe(1.0);
    }

    [Fact]
    public void A_label_outside_the_classes_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Forward(new float[4], [0, 2], 2, 2, new float[4]));
    }

    private static byte[] RandomLabels(Random random, int batch, int classes)
    {
        var labels = new byte[batch];
        for (int n = 0; n < batch; n++)
        {
            labels[n] = (byte)random.Next(classes);
        }

        return labels;
    }
}
