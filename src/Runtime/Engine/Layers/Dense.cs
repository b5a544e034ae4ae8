namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Fully connected layer y = x·Wᵀ + b on a batch of row vectors, computed with <see cref="Gemm"/>. Weights are
/// PyTorch's [outputs, inputs], biases [outputs]. A conv or pool output feeds it unchanged: see <see cref="Flatten"/>.
/// </summary>
/// <remarks>
/// Weights are plain arguments, never state, so fault-aware training can run forward and backward with the weights
/// the faulty hardware reads back and apply the gradient to the clean ones. No buffer may alias another.
/// </remarks>
public static class Dense
{
    /// <summary>output = input·weightsᵀ + bias, overwriting <paramref name="output"/>.</summary>
    /// <param name="input">[batch, inputs].</param>
    /// <param name="weights">[outputs, inputs].</param>
    /// <param name="bias">[outputs].</param>
    /// <param name="output">[batch, outputs].</param>
    /// <param name="batch">Rows of the batch.</param>
    /// <param name="inputs">Input features.</param>
    /// <param name="outputs">Output features.</param>
    public static void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output,
        int batch, int inputs, int outputs)
    {
        CheckShape(batch, inputs, outputs);
        SpanLength.Require(input.Length, (long)batch * inputs, nameof(input));
        SpanLength.Require(weights.Length, (long)outputs * inputs, nameof(weights));
        SpanLength.Require(bias.Length, outputs, nameof(bias));
        SpanLength.Require(output.Length, (long)batch * outputs, nameof(output));

        // Seeding each row with the bias and accumulating saves a second pass over the output.
        for (int row = 0; row < batch; row++)
        {
            bias.CopyTo(output.Slice(row * outputs, outputs));
        }

        Gemm.MultiplyTransposedB(input, weights, output, batch, outputs, inputs, accumulate: true);
    }

    /// <summary>
    /// Gradients of a loss with respect to the input, weights and bias, given its gradient with respect to the output.
    /// Every gradient is overwritten, not accumulated.
    /// </summary>
    /// <param name="input">The forward input, [batch, inputs].</param>
    /// <param name="weights">The forward weights, [outputs, inputs].</param>
    /// <param name="gradOutput">[batch, outputs].</param>
    /// <param name="gradInput">[batch, inputs], or empty to skip it.</param>
    /// <param name="gradWeights">[outputs, inputs].</param>
    /// <param name="gradBias">[outputs].</param>
    /// <param name="batch">Rows of the batch.</param>
    /// <param name="inputs">Input features.</param>
    /// <param name="outputs">Output features.</param>
    public static void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> gradOutput,
        Span<float> gradInput, Span<float> gradWeights, Span<float> gradBias,
        int batch, int inputs, int outputs)
    {
        CheckShape(batch, inputs, outputs);
        SpanLength.Require(input.Length, (long)batch * inputs, nameof(input));
        SpanLength.Require(weights.Length, (long)outputs * inputs, nameof(weights));
        SpanLength.Require(gradOutput.Length, (long)batch * outputs, nameof(gradOutput));
        SpanLength.RequireOrEmpty(gradInput.Length, (long)batch * inputs, nameof(gradInput));
        SpanLength.Require(gradWeights.Length, (long)outputs * inputs, nameof(gradWeights));
        SpanLength.Require(gradBias.Length, outputs, nameof(gradBias));

        // dW = dYᵀ · X, with dY [batch, outputs] read as the transposed left operand.
        Gemm.MultiplyTransposedA(gradOutput, input, gradWeights, outputs, inputs, batch);

        gradBias.Clear();
        for (int row = 0; row < batch; row++)
        {
            VectorMath.AddInPlace(gradBias, gradOutput.Slice(row * outputs, outputs));
        }

        if (!gradInput.IsEmpty)
        {
            // dX = dY · W.
            Gemm.Multiply(gradOutput, weights, gradInput, batch, inputs, outputs);
        }
    }

    private static void CheckShape(int batch, int inputs, int outputs)
    {
        SpanLength.RequirePositive(batch, nameof(batch));
        SpanLength.RequirePositive(inputs, nameof(inputs));
        SpanLength.RequirePositive(outputs, nameof(outputs));
    }
}
