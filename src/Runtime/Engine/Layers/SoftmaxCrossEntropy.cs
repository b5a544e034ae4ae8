namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Softmax followed by cross-entropy against integer class labels, averaged over the batch (PyTorch's
/// <c>cross_entropy</c> with mean reduction), plus the prediction helpers a training loop reports with.
/// Logits and probabilities are [batch, classes]; labels are one byte per sample, so at most 256 classes.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Writes the softmax of every row of <paramref name="logits"/> and returns the mean over the batch of
    /// −log p(label). Each row is shifted by its maximum and summed in float64, so large logits neither overflow nor
    /// lose the loss to rounding.
    /// </summary>
    /// <param name="logits">[batch, classes].</param>
    /// <param name="labels">[batch], each below <paramref name="classes"/>.</param>
    /// <param name="batch">Samples.</param>
    /// <param name="classes">Classes.</param>
    /// <param name="probabilities">[batch, classes], overwritten; <see cref="Backward"/> needs it.</param>
    public static double Forward(
        ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, int batch, int classes, Span<float> probabilities)
    {
        CheckShape(logits.Length, labels, batch, classes);
        SpanLength.Require(probabilities.Length, (long)batch * classes, nameof(probabilities));

        double totalLoss = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> z = logits.Slice(row * classes, classes);
            Span<float> p = probabilities.Slice(row * classes, classes);
            float max = z[0];
            for (int j = 1; j < classes; j++)
            {
                max = MathF.Max(max, z[j]);
            }

            double sum = 0;
            for (int j = 0; j < classes; j++)
            {
                sum += Math.Exp((double)z[j] - max);
            }

            for (int j = 0; j < classes; j++)
            {
                p[j] = (float)(Math.Exp((double)z[j] - max) / sum);
            }

            // −log softmax(z)[y] = log Σ exp(z − max) − (z[y] − max): no exp of a large number, no log of a tiny one.
            totalLoss += Math.Log(sum) - ((double)z[labels[row]] - max);
        }

        return totalLoss / batch;
    }

    /// <summary>Gradient of the mean loss with respect to the logits: (p − onehot(label)) / batch, overwriting <paramref name="gradLogits"/>.</summary>
    /// <param name="probabilities">From <see cref="Forward"/>, [batch, classes].</param>
    /// <param name="labels">[batch].</param>
    /// <param name="gradLogits">[batch, classes]; may be <paramref name="probabilities"/> itself.</param>
    /// <param name="batch">Samples.</param>
    /// <param name="classes">Classes.</param>
    public static void Backward(
        ReadOnlySpan<float> probabilities, ReadOnlySpan<byte> labels, Span<float> gradLogits, int batch, int classes)
    {
        CheckShape(probabilities.Length, labels, batch, classes);
        SpanLength.Require(gradLogits.Length, (long)batch * classes, nameof(gradLogits));

        float scale = 1f / batch;
        for (int row = 0; row < batch; row++)
        {
            int start = row * classes;
            for (int j = 0; j < classes; j++)
            {
                gradLogits[start + j] = probabilities[start + j] * scale;
            }

            gradLogits[start + labels[row]] -= scale;
        }
    }

    /// <summary>The index of the largest score, the first one on ties.</summary>
    /// <param name="scores">One row of logits or probabilities.</param>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("There is no largest of no scores.", nameof(scores));
        }

        int best = 0;
        for (int j = 1; j < scores.Length; j++)
        {
            if (scores[j] > scores[best])
            {
                best = j;
            }
        }

        return best;
    }

    /// <summary>How many rows have their label as <see cref="ArgMax"/>; exact to sum over batches.</summary>
    /// <param name="scores">[batch, classes]: logits or probabilities, the ranking is the same.</param>
    /// <param name="labels">[batch].</param>
    /// <param name="batch">Samples.</param>
    /// <param name="classes">Classes.</param>
    public static int CountCorrect(ReadOnlySpan<float> scores, ReadOnlySpan<byte> labels, int batch, int classes)
    {
        CheckShape(scores.Length, labels, batch, classes);
        int correct = 0;
        for (int row = 0; row < batch; row++)
        {
            if (ArgMax(scores.Slice(row * classes, classes)) == labels[row])
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>The fraction of rows predicted correctly, in [0, 1].</summary>
    /// <param name="scores">[batch, classes].</param>
    /// <param name="labels">[batch].</param>
    /// <param name="batch">Samples.</param>
    /// <param name="classes">Classes.</param>
    public static double Accuracy(ReadOnlySpan<float> scores, ReadOnlySpan<byte> labels, int batch, int classes) =>
        (double)CountCorrect(scores, labels, batch, classes) / batch;

    private static void CheckShape(int rowsLength, ReadOnlySpan<byte> labels, int batch, int classes)
    {
        SpanLength.RequirePositive(batch, nameof(batch));
        SpanLength.RequirePositive(classes, nameof(classes));
        SpanLength.Require(rowsLength, (long)batch * classes, "logits");
        SpanLength.Require(labels.Length, batch, nameof(labels));
        foreach (byte label in labels)
        {
            if (label >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"A label must be below the {classes} classes.");
            }
        }
    }
}
