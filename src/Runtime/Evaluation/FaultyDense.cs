using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// One dense layer, y = x·Wᵀ + b, evaluated on a fixed batch under many faulty weight sets (one per chip of a
/// campaign). Set up once with the clean weights and the batch; each trial then costs either one rank-1 correction
/// per changed weight on top of the kept clean output (<see cref="DensePath.Sparse"/>) or one full product with the
/// changed weights patched in (<see cref="DensePath.Dense"/>), whichever is cheaper for its number of changes.
/// </summary>
/// <remarks>
/// <para>
/// Layout: everything runs output-major. The input is kept transposed as [inputs, batch] and outputs are
/// [outputs, batch], so that a changed weight W[c, r] (matrix row r = input, matrix column c = output) with delta
/// d = faulty - clean corrects y[c, :] += d·x[:, r] as one contiguous vectorised axpy over the batch, and so that
/// the dense path is a plain <see cref="Gemm.Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/>
/// W·Xᵀ with no transposition per trial. Callers get [outputs, batch]: element (sample s, output c) at
/// <c>c * Batch + s</c>.
/// </para>
/// <para>
/// The two paths differ from a from-scratch <c>Dense.Forward</c> of the faulty weights only by float rounding
/// (a different summation order): the sparse path adds d·x to a sum that already holds w·x.
/// </para>
/// <para>
/// The crossover (<see cref="DefaultSparseFraction"/>): a correction costs about <c>Batch</c> fused multiply-adds
/// that stream a row of y and a row of x through the cache, well below the FMA peak because each is memory bound,
/// while the GEMM does Inputs·Outputs·Batch multiply-adds near the peak. Timed with the <c>campaign</c> bench
/// (1024 x 1024 layer, batch 256, 2-core AVX-512 machine, benchmarks/README.md): the sparse path takes 0.3 ms at
/// 1% changed weights, 1.4 ms at 5% and about as long as the full product (3.3-3.7 ms) at 10%, beyond which the
/// product wins. Both costs scale with the batch, so the fraction holds for other batch sizes.
/// </para>
/// <para>
/// Not thread-safe: a worker keeps its own instance.
/// </para>
/// </remarks>
public sealed class FaultyDense
{
    /// <summary>
    /// Changed weights, as a fraction of all weights, below which the sparse correction is used by default.
    /// </summary>
    public const double DefaultSparseFraction = 0.1;

    private readonly float[] _clean;
    private readonly float[] _working;
    private readonly float[] _bias;
    private readonly float[] _inputT;
    private readonly float[] _cleanOutput;

    /// <summary>Keeps the clean weights and the batch and computes the clean output.</summary>
    /// <param name="weights">Clean weights [outputs, inputs] (PyTorch layout: the crossbar matrix's element (r, c) at <c>c * inputs + r</c>).</param>
    /// <param name="bias">Biases [outputs].</param>
    /// <param name="input">The batch, [batch, inputs] row-major.</param>
    /// <param name="batch">Samples in the batch.</param>
    /// <param name="inputs">Input features (matrix rows).</param>
    /// <param name="outputs">Output features (matrix columns).</param>
    /// <param name="sparseLimit">
    /// Trials with fewer changed weights than this take the sparse path; null for
    /// <see cref="DefaultSparseFraction"/> of the weights, 0 to always run the full product.
    /// </param>
    public FaultyDense(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, int batch, int inputs, int outputs, int? sparseLimit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        RequireLength(weights.Length, (long)outputs * inputs, nameof(weights));
        RequireLength(bias.Length, outputs, nameof(bias));
        RequireLength(input.Length, (long)batch * inputs, nameof(input));
        if (sparseLimit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sparseLimit), sparseLimit, "The sparse limit is a count of changed weights; it cannot be negative.");
        }

        Batch = batch;
        Inputs = inputs;
        Outputs = outputs;
        SparseLimit = sparseLimit ?? (int)(DefaultSparseFraction * weights.Length);
        _clean = weights.ToArray();
        _working = weights.ToArray();
        _bias = bias.ToArray();
        _inputT = new float[input.Length];
        for (int s = 0; s < batch; s++)
        {
            for (int r = 0; r < inputs; r++)
            {
                _inputT[(r * batch) + s] = input[(s * inputs) + r];
            }
        }

        _cleanOutput = new float[outputs * batch];
        Product(_clean, _cleanOutput);
    }

    /// <summary>Samples in the batch.</summary>
    public int Batch { get; }

    /// <summary>Input features (matrix rows).</summary>
    public int Inputs { get; }

    /// <summary>Output features (matrix columns).</summary>
    public int Outputs { get; }

    /// <summary>Trials with fewer changed weights than this take <see cref="DensePath.Sparse"/>.</summary>
    public int SparseLimit { get; }

    /// <summary>The fault-free output, [outputs, batch].</summary>
    public ReadOnlySpan<float> CleanOutput => _cleanOutput;

    /// <summary>
    /// The layer's output on the batch with the clean weights replaced by <paramref name="changes"/>, written to
    /// <paramref name="output"/> as [outputs, batch]. Leaves no trace: the next trial starts from the clean weights.
    /// </summary>
    /// <param name="changes">The faulty weights (indices into the [outputs, inputs] weight array), each index at most once.</param>
    /// <param name="output">[outputs, batch]; overwritten.</param>
    /// <returns>The path taken.</returns>
    /// <exception cref="ArgumentException">The output has the wrong length or an index is outside the weights.</exception>
    public DensePath Evaluate(WeightChanges changes, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(changes);
        RequireLength(output.Length, _cleanOutput.Length, nameof(output));
        var indices = changes.Indices;
        foreach (int index in indices)
        {
            if ((uint)index >= (uint)_clean.Length)
            {
                throw new ArgumentException($"Weight index {index} is outside the layer's {_clean.Length} weights.", nameof(changes));
            }
        }

        if (changes.Count < SparseLimit)
        {
            Correct(indices, changes.Values, output);
            return DensePath.Sparse;
        }

        Patched(indices, changes.Values, output);
        return DensePath.Dense;
    }

    // y[c, :] += (w' - w) x[r, :] for each changed W[c, r], on top of the clean output.
    private void Correct(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> output)
    {
        _cleanOutput.CopyTo(output);
        int batch = Batch;
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            (int c, int r) = Math.DivRem(index, Inputs);
            float delta = values[i] - _clean[index];
            Axpy.Run(delta, _inputT.AsSpan(r * batch, batch), output.Slice(c * batch, batch));
        }
    }

    // Patch the working weights, run the full product, and put the clean weights back. The dense path runs when many
    // weights changed (a tenth by default), so nearly every cache line of the weights was patched: one sequential copy
    // puts them back several times faster than writing the changed weights back one by one, in the scattered order
    // the changes come in, and even after a few changes it costs about a tenth of the product.
    private void Patched(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> output)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            CachePrefetch.Ahead(_working, indices[i]);
            _working[indices[i]] = values[i];
        }

        try
        {
            Product(_working, output);
        }
        finally
        {
            _clean.AsSpan().CopyTo(_working);
        }
    }

    // output [outputs, batch] = W [outputs, inputs] · Xᵀ [inputs, batch] + b, bias seeded so the GEMM accumulates.
    private void Product(float[] weights, Span<float> output)
    {
        for (int c = 0; c < Outputs; c++)
        {
            output.Slice(c * Batch, Batch).Fill(_bias[c]);
        }

        Gemm.Multiply(weights, _inputT, output, Outputs, Batch, Inputs, accumulate: true);
    }

    private static void RequireLength(int actual, long expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} holds {actual} values but the shape needs {expected}.", name);
        }
    }
}
