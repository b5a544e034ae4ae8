using System.Globalization;
using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Interchange;

namespace BitErrorRobustness;

/// <summary>
/// The experiment on one network: train every method (or load it from the model cache), then evaluate each trained
/// model under the bit error patterns of every rate on the mapping it was trained for, and the ablation's
/// quantizations on the RQuant-trained model.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
internal sealed class NetworkRun<TWeights>(string model, string mappingPrefix, Settings settings, Progress progress)
    where TWeights : class, INetworkWeights<TWeights>
{
    /// <summary>The network's name in the result files.</summary>
    public string Model => model;

    /// <summary>Trains (or loads) and evaluates every method, then the ablation.</summary>
    public NetworkResults Run(ImageSet train, ImageSet test, BitErrorProfile? profile, CancellationToken cancel)
    {
        var methods = new List<TrainedMethod>();
        var profiled = new List<TrainedMethod>();
        var byLabel = new Dictionary<string, TWeights>();
        foreach (var method in Method.All(settings.Bits))
        {
            var mapping = MappingOf(method.Variant, method.Bits);
            var weights = TrainedOrCached(method, mapping, train, cancel);
            byLabel[method.Label] = weights;
            var evaluation = new BitErrorEvaluation<TWeights>(new MappingEvaluation<TWeights>(mapping, weights, test));
            var scores = Evaluate(evaluation, $"{model} {method.Label}", settings.Rates, cancel);
            methods.Add(new TrainedMethod(method, evaluation.CleanError, BitErrorSummary.Of(scores)));
            if (profile is not null && profile.Misfit(mapping.Shape) is null)
            {
                var task = progress.Start($"profiled chip {model} {method.Label}", settings.Patterns);
                var chip = evaluation.Run(profile, settings.Patterns, settings.Workers, done => task.Report(done), cancel);
                profiled.Add(new TrainedMethod(method, evaluation.CleanError, BitErrorSummary.Of(chip)));
            }
        }

        var ablation = new List<AblationRow>();
        foreach (int bits in settings.Bits)
        {
            var rquant = byLabel[new Method("rquant", bits, "Robust", null, 0).Label];
            foreach (var (step, variant) in Method.Ablation)
            {
                var evaluation = new BitErrorEvaluation<TWeights>(new MappingEvaluation<TWeights>(MappingOf(variant, bits), rquant, test));
                var scores = Evaluate(evaluation, $"{model} ablation {variant} {bits} bit", settings.AblationRates, cancel);
                ablation.Add(new AblationRow(step, variant, bits, evaluation.CleanError, BitErrorSummary.Of(scores)));
            }
        }

        return new NetworkResults(model, methods, ablation, profiled);
    }

    private IMapping<TWeights> MappingOf(string variant, int bits)
    {
        string name = $"{mappingPrefix}{variant}B{bits}";
        return Lab.BitErrors.XmapDeclarations.Mappings.OfType<IMapping<TWeights>>().SingleOrDefault(m => m.Name == name)
            ?? throw new InvalidOperationException($"bet.xmap declares no mapping {name} of {model}.");
    }

    private IReadOnlyList<BitErrorScore> Evaluate(BitErrorEvaluation<TWeights> evaluation, string what, IReadOnlyList<double> rates, CancellationToken cancel)
    {
        var task = progress.Start($"evaluate {what}", rates.Count * settings.Patterns);
        return evaluation.Run(rates, settings.Patterns, settings.Workers, done => task.Report(done), cancel);
    }

    // A trained model is reused when its file's metadata says it was trained with exactly these settings.
    private TWeights TrainedOrCached(Method method, IMapping<TWeights> mapping, ImageSet train, CancellationToken cancel)
    {
        string path = Path.Combine(settings.ModelsFolder, $"{model}-{method.Label}.safetensors");
        var metadata = Metadata(method, mapping, train);
        if (File.Exists(path) && SafeTensors.ReadMetadata(path) is var stored && metadata.All(p => stored.TryGetValue(p.Key, out var value) && value == p.Value))
        {
            progress.Note($"{model} {method.Label}: trained model reused from {path}");
            return TWeights.LoadSafetensors(path);
        }

        var weights = HeInitialization.Draw<TWeights>(new Random(settings.Seed));
        var options = new TrainingOptions(settings.Epochs, settings.LearningRate, 0.9f, settings.BatchSize, settings.Seed, Nesterov: true, WeightDecay: 5e-4f)
        {
            LearningRateOfEpoch = LearningRateSchedule.MultiStep(settings.LearningRate, settings.Epochs),
        };
        var task = progress.Start($"train {model} {method.Label}", settings.Epochs);
        var result = QuantizedTraining.Train(weights, mapping, train, options, method.Settings(mapping), (epoch, _) => task.Report(epoch), cancel);
        metadata["injected_steps"] = result.InjectedSteps.ToString(CultureInfo.InvariantCulture);
        metadata["final_loss"] = result.EpochLosses[^1].ToString("R", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(settings.ModelsFolder);
        weights.SaveSafetensors(path, metadata);
        return weights;
    }

    // What a trained model depends on; injected_steps and final_loss are results and are not compared.
    private Dictionary<string, string> Metadata(Method method, IMapping mapping, ImageSet train) => new()
    {
        ["network"] = model,
        ["method"] = method.Name,
        ["quantization"] = mapping.Quantizer!.ToString() + (mapping.QuantizesBiases ? " biases" : string.Empty),
        ["w_max"] = method.WeightClip?.ToString("R", CultureInfo.InvariantCulture) ?? "none",
        ["p_train"] = method.ErrorRate.ToString("R", CultureInfo.InvariantCulture),
        ["epochs"] = settings.Epochs.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = settings.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["batch_size"] = settings.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
        ["train_images"] = train.Count.ToString(CultureInfo.InvariantCulture),
        ["train_source"] = train.Source,
    };
}
