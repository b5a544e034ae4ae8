using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// The crossover (<see cref="DefaultSparseFraction"/>): a correction costs <c>Batch</c> fused multiply-adds that
/// stream a row of x from cache into an output row held in registers (changes are grouped by output first), so it
/// is bound by cache bandwidth, while the GEMM does Inputs·Outputs·Batch multiply-adds near the FMA peak. Timed with
/// the <c>campaign</c> bench (1024 x 1024 layer, batch 256, one thread, benchmarks/README.md): in a trial at 10%
/// stuck cells (14% changed weights) the sparse path took about 0.75x the time of the full product, and the
/// crossover table puts the break-even between 15% and 30% changed weights depending on the machine's load; 20% is
/// the default. Both costs scale with the batch, so the fraction holds for other batch sizes.
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
    public const double DefaultSparseFraction = 0.2;

    private readonly float[] _clean;
    private readonly float[] _working;
    private readonly float[] _bias;
    private readonly float[] _inputT;
    private readonly float[] _cleanOutput;

    // The sparse path's grouping by output: bucket starts (Outputs + 1), the next free slot of each bucket, and per
    // change its input and its faulty value (then delta), grown to the largest trial seen.
    private readonly int[] _starts;
    private readonly int[] _next;
    private readonly int _inputShift;

    // The clean weights as one byte each into a palette of their distinct values, when there are at most 256 (the
    // read-back of a mapped layer); null otherwise. Value i is _cleanPalette[_cleanCodes[i]], bit for bit.
    private readonly byte[]? _cleanCodes;
    private readonly float[] _cleanPalette = [];
    private int[] _bucketInput = [];
    private float[] _bucketValue = [];

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
        _starts = new int[outputs + 1];
        _next = new int[outputs];
        _inputShift = BitOperations.IsPow2(inputs) ? BitOperations.Log2((uint)inputs) : -1;
        (_cleanCodes, _cleanPalette) = Code(_clean);
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

    // y[c, :] = clean y[c, :] + sum of (w' - w) x[r, :] over the changed W[c, r] of output c. The changes are first
    // grouped by output (a counting sort, in the order they came within each output), so that each output row of
    // the batch is read, corrected by all its changes while it stays in vector registers, and written once: a change
    // then costs one streaming read of x[r, :] and its FMAs, where a plain axpy per change would also read and write
    // the output row each time.
    private void Correct(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> output)
    {
        int count = indices.Length;
        if (_bucketInput.Length < count)
        {
            int capacity = Math.Max(count, 2 * _bucketInput.Length);
            _bucketInput = new int[capacity];
            _bucketValue = new float[capacity];
        }

        int[] starts = _starts;
        Array.Clear(starts);
        for (int i = 0; i < count; i++)
        {
            starts[OutputOf(indices[i]) + 1]++;
        }

        for (int c = 0; c < Outputs; c++)
        {
            starts[c + 1] += starts[c];
        }

        int[] next = _next;
        starts.AsSpan(0, Outputs).CopyTo(next);
        int[] bucketInput = _bucketInput;
        float[] bucketValue = _bucketValue;
        for (int i = 0; i < count; i++)
        {
            int c = OutputOf(indices[i]);
            int at = next[c]++;
            bucketInput[at] = indices[i] - (c * Inputs);
            bucketValue[at] = values[i];
        }

        int batch = Batch;
        for (int c = 0; c < Outputs; c++)
        {
            var clean = _cleanOutput.AsSpan(c * batch, batch);
            var row = output.Slice(c * batch, batch);
            int from = starts[c];
            int to = starts[c + 1];
            if (from == to)
            {
                clean.CopyTo(row);
                continue;
            }

            // The deltas, from the clean row of W, read in place: as byte codes when the weights have few distinct
            // values (a mapped layer's read-back has one per level and sign), a quarter of the memory traffic.
            var deltas = bucketValue.AsSpan(from, to - from);
            var rows = bucketInput.AsSpan(from, to - from);
            if (_cleanCodes is { } codes)
            {
                var rowCodes = codes.AsSpan(c * Inputs, Inputs);
                var palette = _cleanPalette;
                for (int e = 0; e < deltas.Length; e++)
                {
                    deltas[e] -= palette[rowCodes[rows[e]]];
                }
            }
            else
            {
                var cleanWeights = _clean.AsSpan(c * Inputs, Inputs);
                for (int e = 0; e < deltas.Length; e++)
                {
                    deltas[e] -= cleanWeights[rows[e]];
                }
            }

            CorrectRow(clean, row, rows, deltas);
        }
    }

    // Byte codes of the weights if they take at most 256 distinct values (keyed by bits: -0 and 0 stay apart).
    private static (byte[]? Codes, float[] Palette) Code(float[] weights)
    {
        var codeOf = new Dictionary<int, byte>();
        var palette = new List<float>();
        var codes = new byte[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            int bits = BitConverter.SingleToInt32Bits(weights[i]);
            if (!codeOf.TryGetValue(bits, out byte code))
            {
                if (palette.Count == 256)
                {
                    return (null, []);
                }

                code = (byte)palette.Count;
                codeOf.Add(bits, code);
                palette.Add(weights[i]);
            }

            codes[i] = code;
        }

        return (codes, [.. palette]);
    }

    // The output (matrix column) of weight index c * Inputs + r.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int OutputOf(int index) => _inputShift >= 0 ? index >> _inputShift : index / Inputs;

    // The x row of the change this many ahead is prefetched: rows come in random order, which the hardware
    // prefetchers cannot follow, and 2 ahead measured faster than 4 (bench `campaign`, sparse forward at 10%).
    private const int PrefetchAhead = 2;

    // row = clean + sum_e deltas[e] x[rows[e], :], blocks of the batch held in 16 or 8 vector registers while every
    // change is added; the same FMAs in the same order as one Axpy.Run per change, so the same bits.
    private void CorrectRow(ReadOnlySpan<float> clean, Span<float> row, ReadOnlySpan<int> rows, ReadOnlySpan<float> deltas)
    {
        int batch = Batch;
        ref float x = ref MemoryMarshal.GetArrayDataReference(_inputT);
        ref float y = ref MemoryMarshal.GetReference(row);
        ref float y0 = ref MemoryMarshal.GetReference(clean);
        int b = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            const int W = 16;

            // Sixteen registers (256 samples, the peers' batch) first: each change's x row is then read as one
            // contiguous 1 KB run and its delta and row number once.
            for (; b <= batch - (16 * W); b += 16 * W)
            {
                var a0 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (0 * W)));
                var a1 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (1 * W)));
                var a2 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (2 * W)));
                var a3 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (3 * W)));
                var a4 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (4 * W)));
                var a5 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (5 * W)));
                var a6 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (6 * W)));
                var a7 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (7 * W)));
                var a8 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (8 * W)));
                var a9 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (9 * W)));
                var a10 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (10 * W)));
                var a11 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (11 * W)));
                var a12 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (12 * W)));
                var a13 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (13 * W)));
                var a14 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (14 * W)));
                var a15 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (15 * W)));
                for (int e = 0; e < rows.Length; e++)
                {
                    var d = Vector512.Create(deltas[e]);
                    ref float xr = ref Unsafe.Add(ref x, (rows[e] * batch) + b);
                    if (e + PrefetchAhead < rows.Length)
                    {
                        CachePrefetch.Run(ref Unsafe.Add(ref x, (rows[e + PrefetchAhead] * batch) + b), 16 * W);
                    }

                    a0 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 0 * W), a0);
                    a1 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 1 * W), a1);
                    a2 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 2 * W), a2);
                    a3 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 3 * W), a3);
                    a4 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 4 * W), a4);
                    a5 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 5 * W), a5);
                    a6 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 6 * W), a6);
                    a7 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 7 * W), a7);
                    a8 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 8 * W), a8);
                    a9 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 9 * W), a9);
                    a10 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 10 * W), a10);
                    a11 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 11 * W), a11);
                    a12 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 12 * W), a12);
                    a13 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 13 * W), a13);
                    a14 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 14 * W), a14);
                    a15 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 15 * W), a15);
                }

                a0.StoreUnsafe(ref y, (nuint)(b + (0 * W)));
                a1.StoreUnsafe(ref y, (nuint)(b + (1 * W)));
                a2.StoreUnsafe(ref y, (nuint)(b + (2 * W)));
                a3.StoreUnsafe(ref y, (nuint)(b + (3 * W)));
                a4.StoreUnsafe(ref y, (nuint)(b + (4 * W)));
                a5.StoreUnsafe(ref y, (nuint)(b + (5 * W)));
                a6.StoreUnsafe(ref y, (nuint)(b + (6 * W)));
                a7.StoreUnsafe(ref y, (nuint)(b + (7 * W)));
                a8.StoreUnsafe(ref y, (nuint)(b + (8 * W)));
                a9.StoreUnsafe(ref y, (nuint)(b + (9 * W)));
                a10.StoreUnsafe(ref y, (nuint)(b + (10 * W)));
                a11.StoreUnsafe(ref y, (nuint)(b + (11 * W)));
                a12.StoreUnsafe(ref y, (nuint)(b + (12 * W)));
                a13.StoreUnsafe(ref y, (nuint)(b + (13 * W)));
                a14.StoreUnsafe(ref y, (nuint)(b + (14 * W)));
                a15.StoreUnsafe(ref y, (nuint)(b + (15 * W)));
            }

            for (; b <= batch - (8 * W); b += 8 * W)
            {
                var a0 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (0 * W)));
                var a1 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (1 * W)));
                var a2 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (2 * W)));
                var a3 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (3 * W)));
                var a4 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (4 * W)));
                var a5 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (5 * W)));
                var a6 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (6 * W)));
                var a7 = Vector512.LoadUnsafe(ref y0, (nuint)(b + (7 * W)));
                for (int e = 0; e < rows.Length; e++)
                {
                    var d = Vector512.Create(deltas[e]);
                    ref float xr = ref Unsafe.Add(ref x, (rows[e] * batch) + b);
                    a0 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 0 * W), a0);
                    a1 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 1 * W), a1);
                    a2 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 2 * W), a2);
                    a3 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 3 * W), a3);
                    a4 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 4 * W), a4);
                    a5 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 5 * W), a5);
                    a6 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 6 * W), a6);
                    a7 = Vector512.FusedMultiplyAdd(d, Vector512.LoadUnsafe(ref xr, 7 * W), a7);
                }

                a0.StoreUnsafe(ref y, (nuint)(b + (0 * W)));
                a1.StoreUnsafe(ref y, (nuint)(b + (1 * W)));
                a2.StoreUnsafe(ref y, (nuint)(b + (2 * W)));
                a3.StoreUnsafe(ref y, (nuint)(b + (3 * W)));
                a4.StoreUnsafe(ref y, (nuint)(b + (4 * W)));
                a5.StoreUnsafe(ref y, (nuint)(b + (5 * W)));
                a6.StoreUnsafe(ref y, (nuint)(b + (6 * W)));
                a7.StoreUnsafe(ref y, (nuint)(b + (7 * W)));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            const int W = 8;
            for (; b <= batch - (8 * W); b += 8 * W)
            {
                var a0 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (0 * W)));
                var a1 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (1 * W)));
                var a2 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (2 * W)));
                var a3 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (3 * W)));
                var a4 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (4 * W)));
                var a5 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (5 * W)));
                var a6 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (6 * W)));
                var a7 = Vector256.LoadUnsafe(ref y0, (nuint)(b + (7 * W)));
                for (int e = 0; e < rows.Length; e++)
                {
                    var d = Vector256.Create(deltas[e]);
                    ref float xr = ref Unsafe.Add(ref x, (rows[e] * batch) + b);
                    a0 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 0 * W), a0);
                    a1 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 1 * W), a1);
                    a2 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 2 * W), a2);
                    a3 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 3 * W), a3);
                    a4 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 4 * W), a4);
                    a5 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 5 * W), a5);
                    a6 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 6 * W), a6);
                    a7 = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref xr, 7 * W), a7);
                }

                a0.StoreUnsafe(ref y, (nuint)(b + (0 * W)));
                a1.StoreUnsafe(ref y, (nuint)(b + (1 * W)));
                a2.StoreUnsafe(ref y, (nuint)(b + (2 * W)));
                a3.StoreUnsafe(ref y, (nuint)(b + (3 * W)));
                a4.StoreUnsafe(ref y, (nuint)(b + (4 * W)));
                a5.StoreUnsafe(ref y, (nuint)(b + (5 * W)));
                a6.StoreUnsafe(ref y, (nuint)(b + (6 * W)));
                a7.StoreUnsafe(ref y, (nuint)(b + (7 * W)));
            }
        }

        // The rest of the batch (or all of it without wide vectors): one axpy per change over the tail.
        if (b < batch)
        {
            clean[b..].CopyTo(row[b..]);
            var tail = row[b..];
            for (int e = 0; e < rows.Length; e++)
            {
                Axpy.Run(deltas[e], _inputT.AsSpan((rows[e] * batch) + b, batch - b), tail);
            }
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
