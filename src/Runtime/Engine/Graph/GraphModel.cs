using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// Forward and training passes of a network on batches of up to <see cref="MaxBatch"/> inputs: its
/// <see cref="NetworkGraph"/> with a training workspace, typed by the network's weights. The generated <c>Model</c>
/// of every network is this class, so the network is computed in one place, by the graph's steps, whether a model
/// trains it, a test set evaluates it or a campaign evaluates a faulty copy of it.
/// </summary>
/// <remarks>One instance is not thread-safe (it owns its buffers); use one per thread. Calls allocate nothing.</remarks>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public class GraphModel<TWeights> : INetworkModel<TWeights>
    where TWeights : class, INetworkWeights<TWeights>
{
    private readonly NetworkGraph _graph = TWeights.Graph;
    private readonly GraphWorkspace _workspace;
    private readonly float[] _probabilities;
    private readonly string[] _layers;

    // The arrays of the weights (and gradients) of the current call, by weighted index: filled per call, never reallocated.
    private readonly float[][] _weights;
    private readonly float[][] _biases;
    private readonly float[][] _weightGradients;
    private readonly float[][] _biasGradients;

    /// <summary>Allocates every buffer for batches of up to <paramref name="maxBatch"/> inputs.</summary>
    /// <param name="maxBatch">The largest batch, at least 1.</param>
    public GraphModel(int maxBatch = 256)
    {
        if (maxBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "The largest batch must be at least 1.");
        }

        MaxBatch = maxBatch;
        _workspace = _graph.CreateWorkspace(maxBatch, forTraining: true);
        _probabilities = new float[checked(maxBatch * _graph.OutputLength)];
        _layers = [.. _graph.WeightedSteps.Select(step => step.Name!)];
        (_weights, _biases, _weightGradients, _biasGradients) = (new float[_layers.Length][], new float[_layers.Length][], new float[_layers.Length][], new float[_layers.Length][]);
    }

    /// <summary>The largest batch this model's buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>The logits of a batch: a view of the model's own buffer, valid until the next call.</summary>
    /// <param name="input">[batch, input length] row-major (NCHW images).</param>
    /// <param name="batch">Inputs, 1 .. <see cref="MaxBatch"/>.</param>
    /// <param name="weights">The weights to run with, e.g. a chip's read-back.</param>
    /// <returns>[batch, classes] logits.</returns>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch, TWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        CheckBatch(batch, input.Length);
        return Run(input, batch, weights, training: false);
    }

    /// <summary>
    /// Seeds dropout in <see cref="Loss"/>: the same seed and the same sequence of calls drop the same values (0 unless
    /// set). Setting it restarts the sequence.
    /// </summary>
    public ulong DropoutSeed
    {
        get => _workspace.DropoutSeed;
        set => _workspace.DropoutSeed = value;
    }

    /// <summary>
    /// Forward and backward on a labelled batch in training mode: returns the mean softmax cross-entropy and writes its
    /// gradient with respect to every weight and bias (and batch-norm γ and β) into <paramref name="gradients"/>
    /// (overwritten). Batch norms normalise with the batch's statistics and update the running statistics of
    /// <paramref name="weights"/>; dropout drops. Train with the weights a chip reads back and apply the gradients to
    /// the clean weights for fault-aware training.
    /// </summary>
    /// <param name="input">[batch, input length].</param>
    /// <param name="labels">One class per input.</param>
    /// <param name="batch">Inputs, 1 .. <see cref="MaxBatch"/>.</param>
    /// <param name="weights">The weights to run with.</param>
    /// <param name="gradients">Receives dLoss/dWeights and dLoss/dBias.</param>
    /// <returns>The mean loss over the batch.</returns>
    public double Loss(ReadOnlySpan<float> input, ReadOnlySpan<byte> labels, int batch, TWeights weights, TWeights gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (labels.Length != batch)
        {
            throw new ArgumentException($"A batch of {batch} needs {batch} labels, got {labels.Length}.", nameof(labels));
        }

        ArgumentNullException.ThrowIfNull(weights);
        CheckBatch(batch, input.Length);
        var logits = Run(input, batch, weights, training: true);
        var classes = _graph.OutputLength;
        var probabilities = _probabilities.AsSpan(0, batch * classes);
        var loss = SoftmaxCrossEntropy.Forward(logits, labels, batch, classes, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, labels, _workspace.Gradient(_graph.Steps.Count - 1, batch), batch, classes);
        Bind(gradients, _weightGradients, _biasGradients);
        _graph.Backward(input, batch, _weights, _weightGradients, _biasGradients, _workspace, NormsOf(weights), NormsOf(gradients));
        return loss;
    }

    /// <summary>How many inputs of the batch the network classifies as their label.</summary>
    /// <param name="input">[batch, input length].</param>
    /// <param name="labels">One class per input.</param>
    /// <param name="batch">Inputs, 1 .. <see cref="MaxBatch"/>.</param>
    /// <param name="weights">The weights to run with.</param>
    /// <returns>The count.</returns>
    public int CountCorrect(ReadOnlySpan<float> input, ReadOnlySpan<byte> labels, int batch, TWeights weights) =>
        SoftmaxCrossEntropy.CountCorrect(Forward(input, batch, weights), labels, batch, _graph.OutputLength);

    private ReadOnlySpan<float> Run(ReadOnlySpan<float> input, int batch, TWeights weights, bool training)
    {
        Bind(weights, _weights, _biases);

        // Forward never precedes a backward pass (Loss runs its own forward), so its inference pass may go depth-first.
        return training
            ? _graph.Run(input, batch, _weights, _biases, _workspace, NormsOf(weights), training: true)
            : _graph.RunInference(input, batch, _weights, _biases, _workspace, NormsOf(weights));
    }

    // null for a network without batch norms, as the graph takes it
    private IReadOnlyList<BatchNormParameters>? NormsOf(TWeights weights) => _graph.NormSteps.Count == 0 ? null : ((INetworkWeights)weights).Norms;

    private void Bind(TWeights weights, float[][] weightArrays, float[][] biasArrays)
    {
        for (var k = 0; k < _layers.Length; k++)
        {
            weightArrays[k] = weights.WeightsOf(_layers[k]);
            biasArrays[k] = weights.BiasOf(_layers[k]);
        }
    }

    private void CheckBatch(int batch, int inputLength)
    {
        if (batch < 1 || batch > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must be 1..{MaxBatch} (the model's MaxBatch).");
        }

        if (inputLength != batch * _graph.InputLength)
        {
            throw new ArgumentException($"A batch of {batch} needs {batch * _graph.InputLength} input values ({_graph.InputLength} each), got {inputLength}.", "input");
        }
    }
}
