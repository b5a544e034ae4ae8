using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.BitErrors;

/// <summary>
/// Quantization-aware training, weight clipping and random bit error training (RandBET) of Stutz et al., "Bit Error
/// Robustness for Energy-Efficient DNN Accelerators" (MLSys 2021), step for step as their
/// <c>AverageWeightsTraining</c>: every step (1) clips every weight and bias to ±w_max when clipping, (2) quantizes the
/// mapped layers' weights with the mapping's quantizer and takes the loss gradient at those weights, and (3) when
/// injecting, takes the gradient again under a fresh random bit error pattern of the stored codes, limits each of its
/// elements to ±<see cref="BitErrorTrainingSettings.GradientClip"/>, and averages the two. SGD then updates the float
/// weights (straight-through). Biases are quantized and hit by errors too when the mapping says so (<c>quantize ... biases</c>).
/// </summary>
/// <remarks>
/// The patterns are the mapping's own fault sampler at bit-flip rate p_train with a chip seed hashed from the training
/// seed and the step number, so a run is bit-identical for its seed on any machine.
/// </remarks>
public static class QuantizedTraining
{
    /// <summary>Trains <paramref name="weights"/> in place.</summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="weights">The float weights; trained in place (clipped when clipping).</param>
    /// <param name="mapping">A quantized mapping of the network: its quantizer and its bit error sampler.</param>
    /// <param name="train">The training images.</param>
    /// <param name="options">Epochs, SGD settings, learning-rate schedule, batch size and seed.</param>
    /// <param name="settings">The method: quantizer, clipping, p_train, curriculum.</param>
    /// <param name="onEpoch">Called after each epoch with the epoch (1-based) and its mean clean loss.</param>
    /// <param name="cancel">Checked before each batch.</param>
    /// <returns>The mean clean loss of each epoch and how many steps injected errors.</returns>
    /// <exception cref="ArgumentException">The mapping is not quantized, or a setting is out of range.</exception>
    public static BitErrorTrainingResult Train<TWeights>(
        TWeights weights,
        IMapping<TWeights> mapping,
        ImageSet train,
        TrainingOptions options,
        BitErrorTrainingSettings settings,
        Action<int, double>? onEpoch = null,
        CancellationToken cancel = default)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Check();
        if (mapping.Quantizer is null)
        {
            throw new ArgumentException($"Mapping {mapping.Name} does not quantize its weights; bit error training needs stored codes (a quantize statement).", nameof(mapping));
        }

        var step = new Step<TWeights>(weights, mapping, settings, options.Seed, TWeights.CreateModel(options.BatchSize));
        var losses = MaskedTrainer.Train(TrainableLayer.From(weights, step.Gradients), step.Loss, train, options, onEpoch, cancel: cancel);
        return new BitErrorTrainingResult(losses, step.Steps, step.InjectedSteps);
    }

    /// <summary>The chip seed of step <paramref name="step"/>'s bit error pattern: a hash of the training seed and the step.</summary>
    /// <param name="seed">The training seed.</param>
    /// <param name="step">The step, from 0.</param>
    public static ulong PatternSeed(int seed, int step) =>
        SplitMix64.Mix(SplitMix64.Mix((ulong)(uint)seed + SplitMix64.Gamma) ^ (ulong)(uint)step);

    // One training step's state: the quantized forward weights, the perturbed ones, their gradients, the curriculum.
    private sealed class Step<TWeights>
        where TWeights : class, INetworkWeights<TWeights>
    {
        private readonly TWeights _master;
        private readonly TWeights _forward;
        private readonly TWeights? _perturbed;
        private readonly TWeights? _perturbedGradients;
        private readonly IMapping<TWeights> _mapping;
        private readonly BitErrorTrainingSettings _settings;
        private readonly INetworkModel<TWeights> _model;
        private readonly int _seed;
        private readonly string[] _quantized;
        private readonly QuantizedTensor?[] _codes;
        private readonly QuantizedTensor?[] _biasCodes;
        private bool _injectNext;

        public Step(TWeights master, IMapping<TWeights> mapping, BitErrorTrainingSettings settings, int seed, INetworkModel<TWeights> model)
        {
            _master = master;
            _mapping = mapping;
            _settings = settings;
            _seed = seed;
            _model = model;
            _forward = master.Clone();
            Gradients = TWeights.Zero();
            if (settings.ErrorRate > 0)
            {
                _perturbed = master.Clone();
                _perturbedGradients = TWeights.Zero();
            }

            _quantized = [.. mapping.Layers.Select(layer => layer.Layer)];
            _codes = new QuantizedTensor?[_quantized.Length];
            _biasCodes = new QuantizedTensor?[_quantized.Length];
            _injectNext = settings.Curriculum is null;
        }

        public TWeights Gradients { get; }

        public int Steps { get; private set; }

        public int InjectedSteps { get; private set; }

        public double Loss(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> labels, int batch)
        {
            if (_settings.WeightClip is double clip)
            {
                foreach (var layer in _master.LayerNames)
                {
                    Clamp(_master.WeightsOf(layer), (float)clip);
                    Clamp(_master.BiasOf(layer), (float)clip);
                }
            }

            Quantize();
            double clean = _model.Loss(pixels, labels, batch, _forward, Gradients);
            double perturbed = 0;
            if (_perturbed is not null && _injectNext)
            {
                perturbed = Perturb(pixels, labels, batch);
                InjectedSteps++;
            }

            if (_settings.Curriculum is { } curriculum)
            {
                _injectNext = curriculum.InjectsNext(clean, perturbed);
            }

            Steps++;
            return clean;
        }

        // The forward weights: the master weights, with every mapped layer's weights replaced by what its codes decode to.
        private void Quantize()
        {
            foreach (var layer in _master.LayerNames)
            {
                _master.WeightsOf(layer).CopyTo(_forward.WeightsOf(layer), 0);
                _master.BiasOf(layer).CopyTo(_forward.BiasOf(layer), 0);
            }

            for (int i = 0; i < _quantized.Length; i++)
            {
                var codes = _settings.Quantizer.Quantize(_master.WeightsOf(_quantized[i]));
                codes.DecodeTo(_forward.WeightsOf(_quantized[i]));
                _codes[i] = codes;
                if (_mapping.QuantizesBiases)
                {
                    // Biases are stored as codes too, each tensor with its own range, and train straight-through as well.
                    var biasCodes = _settings.Quantizer.Quantize(_master.BiasOf(_quantized[i]));
                    biasCodes.DecodeTo(_forward.BiasOf(_quantized[i]));
                    _biasCodes[i] = biasCodes;
                }
            }
        }

        // The gradient under a fresh bit error pattern, limited elementwise and averaged into the clean one.
        private double Perturb(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> labels, int batch)
        {
            var perturbed = _perturbed!;
            var pattern = _mapping.SampleFaults(FaultRates.None with { BitFlip = _settings.ErrorRate }, PatternSeed(_seed, Steps));
            foreach (var layer in _master.LayerNames)
            {
                _forward.WeightsOf(layer).CopyTo(perturbed.WeightsOf(layer), 0);
                _forward.BiasOf(layer).CopyTo(perturbed.BiasOf(layer), 0);
            }

            for (int i = 0; i < _quantized.Length; i++)
            {
                // The sampler lists layers in the mapping's order, the order of _quantized; code indices past the weights
                // are the biases' (only when the mapping quantizes biases).
                var flips = pattern.Layers[i].BitFlips;
                int weights = _codes[i]!.Length;
                BitFlips.ApplyToLayer(_codes[i]!, _biasCodes[i], flips);
                _codes[i]!.DecodeAt([.. flips.Where(f => f.Weight < weights).Select(f => f.Weight)], perturbed.WeightsOf(_quantized[i]));
                _biasCodes[i]?.DecodeAt([.. flips.Where(f => f.Weight >= weights).Select(f => f.Weight - weights)], perturbed.BiasOf(_quantized[i]));
            }

            double loss = _model.Loss(pixels, labels, batch, perturbed, _perturbedGradients!);
            foreach (var layer in _master.LayerNames)
            {
                Average(Gradients.WeightsOf(layer), _perturbedGradients!.WeightsOf(layer), _settings.GradientClip);
                Average(Gradients.BiasOf(layer), _perturbedGradients.BiasOf(layer), _settings.GradientClip);
            }

            return loss;
        }

        private static void Clamp(Span<float> values, float bound)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Math.Clamp(values[i], -bound, bound);
            }
        }

        // The authors' (g + clamp(g_perturbed, ±c)) / (population + 1) with a population of one.
        private static void Average(Span<float> gradient, ReadOnlySpan<float> perturbed, float clip)
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = (gradient[i] + Math.Clamp(perturbed[i], -clip, clip)) / 2;
            }
        }
    }
}
