using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Runtime.Tests.Engine.Training;

/// <summary>
/// Forward, backward and SGD fitted together: dense → relu → dense → softmax cross-entropy learns a disc inside a
/// ring, which no linear model separates, so the hidden layer's gradients must be right too.
/// </summary>
public sealed class TwoLayerNetTrainingTests
{
    private const int Inputs = 2;
    private const int Hidden = 32;
    private const int Classes = 2;
    private const int Batch = 32;

    [Fact]
    public void A_seeded_two_layer_net_separates_a_disc_from_a_ring()
    {
        var random = new Random(101);
        (float[] trainPoints, byte[] trainLabels) = DiscAndRing(random, 1024);
        (float[] testPoints, byte[] testLabels) = DiscAndRing(random, 512);

        float[] w1 = Init(random, Hidden * Inputs, Inputs), b1 = new float[Hidden];
        float[] w2 = Init(random, Classes * Hidden, Hidden), b2 = new float[Classes];
        float[] hidden = new float[Batch * Hidden], logits = new float[Batch * Classes], probabilities = new float[Batch * Classes];
        float[] gradLogits = new float[Batch * Classes], gradHidden = new float[Batch * Hidden];
        float[] gradW1 = new float[w1.Length], gradB1 = new float[Hidden], gradW2 = new float[w2.Length], gradB2 = new float[Classes];

        var sgd = new Sgd(learningRate: 0.05f, momentum: 0.9f, weightDecay: 1e-4f);
        int w1Slot = sgd.RegisterWeights(w1.Length), b1Slot = sgd.RegisterBiases(Hidden);
        int w2Slot = sgd.RegisterWeights(w2.Length), b2Slot = sgd.RegisterBiases(Classes);

        double firstLoss = 0, lastLoss = 0;
        for (int step = 0; step < 400; step++)
        {
            int start = step * Batch % trainLabels.Length;
            ReadOnlySpan<float> x = trainPoints.AsSpan(start * Inputs, Batch * Inputs);
            ReadOnlySpan<byte> y = trainLabels.AsSpan(start, Batch);

            Dense.Forward(x, w1, b1, hidden, Batch, Inputs, Hidden);
            Relu.Forward(hidden, hidden);
            Dense.Forward(hidden, w2, b2, logits, Batch, Hidden, Classes);
            double loss = SoftmaxCrossEntropy.Forward(logits, y, Batch, Classes, probabilities);
            firstLoss = step == 0 ? loss : firstLoss;
            lastLoss = loss;

            SoftmaxCrossEntropy.Backward(probabilities, y, gradLogits, Batch, Classes);
            Dense.Backward(hidden, w2, gradLogits, gradHidden, gradW2, gradB2, Batch, Hidden, Classes);
            Relu.Backward(hidden, gradHidden, gradHidden);
            Dense.Backward(x, w1, gradHidden, Span<float>.Empty, gradW1, gradB1, Batch, Inputs, Hidden);

            sgd.Step(w1, gradW1, w1Slot);
            sgd.Step(b1, gradB1, b1Slot);
            sgd.Step(w2, gradW2, w2Slot);
            sgd.Step(b2, gradB2, b2Slot);
        }

        lastLoss.ShouldBeLessThan(firstLoss / 4);
        TestAccuracy(testPoints, testLabels, w1, b1, w2, b2).ShouldBeGreaterThan(0.95);
    }

    private static double TestAccuracy(float[] points, byte[] labels, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        int count = labels.Length;
        float[] hidden = new float[count * Hidden], logits = new float[count * Classes];
        Dense.Forward(points, w1, b1, hidden, count, Inputs, Hidden);
        Relu.Forward(hidden, hidden);
        Dense.Forward(hidden, w2, b2, logits, count, Hidden, Classes);
        return SoftmaxCrossEntropy.Accuracy(logits, labels, count, Classes);
    }

    /// <summary>Class 0 uniform in the disc r &lt; 1, class 1 in the ring 1.5 ≤ r &lt; 2.5, alternating, so every batch has both.</summary>
    private static (float[] Points, byte[] Labels) DiscAndRing(Random random, int count)
    {
        var points = new float[count * Inputs];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = (byte)(n % 2);
            double radius = labels[n] == 0 ? Math.Sqrt(random.NextDouble()) : 1.5 + random.NextDouble();
            double angle = 2 * Math.PI * random.NextDouble();
            points[2 * n] = (float)(radius * Math.Cos(angle));
            points[2 * n + 1] = (float)(radius * Math.Sin(angle));
        }

        return (points, labels);
    }

    /// <summary>Uniform in ±1/√fanIn, PyTorch's default scale for linear layers.</summary>
    private static float[] Init(Random random, int count, int fanIn)
    {
        double bound = 1 / Math.Sqrt(fanIn);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * bound)).ToArray();
    }
}
