using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;

namespace FaultAwareTraining;

/// <summary>The network the experiment retrains, on its mapping onto the array: LeNet-5 or the MLP, behind one face.</summary>
internal interface IFatNetwork
{
    /// <summary>The network's name for people, e.g. "LeNet-5".</summary>
    string Name { get; }

    /// <summary>Its weight-stationary mapping.</summary>
    IMapping Mapping { get; }

    /// <summary>The chip's accuracy with the trained network, no retraining.</summary>
    double Chip(FaultMap faults, ImageSet test);

    /// <summary>The chip's accuracy after each amount of fault-aware training on its own map (see <see cref="ResilienceAnalysis.OfMap"/>).</summary>
    IReadOnlyList<ResiliencePoint> OfMap(FaultMap faults, double rate, int map, IReadOnlyList<double> epochs, ImageSet train, ImageSet test, TrainingOptions options, CancellationToken cancel);

    /// <summary>Fault-aware training on <paramref name="trainOn"/> for <paramref name="epochs"/> (none for 0), then the accuracy on each chip of <paramref name="evaluateOn"/>.</summary>
    IReadOnlyList<double> RetrainedOn(FaultMap trainOn, double epochs, IReadOnlyList<FaultMap> evaluateOn, ImageSet train, ImageSet test, TrainingOptions options, CancellationToken cancel);
}

/// <summary><see cref="IFatNetwork"/> for a generated network's trained weights and mapping.</summary>
internal sealed class FatNetwork<TWeights>(string name, IMapping<TWeights> mapping, TWeights trained) : IFatNetwork
    where TWeights : class, INetworkWeights<TWeights>
{
    public string Name => name;

    public IMapping Mapping => mapping;

    public double Chip(FaultMap faults, ImageSet test) => Chip(trained, faults, test);

    public IReadOnlyList<ResiliencePoint> OfMap(
        FaultMap faults, double rate, int map, IReadOnlyList<double> epochs, ImageSet train, ImageSet test, TrainingOptions options, CancellationToken cancel) =>
        ResilienceAnalysis.OfMap(trained, mapping, faults, rate, map, epochs, train, test, options, cancel);

    public IReadOnlyList<double> RetrainedOn(
        FaultMap trainOn, double epochs, IReadOnlyList<FaultMap> evaluateOn, ImageSet train, ImageSet test, TrainingOptions options, CancellationToken cancel)
    {
        var weights = trained.Clone();
        if (epochs > 0)
        {
            MapDsl.Runtime.FaultAware.FaultAwareTraining.FineTune(weights, mapping, trainOn, train, options.ForEpochs(epochs, train.Count), cancel: cancel);
        }

        return [.. evaluateOn.Select(faults => Chip(weights, faults, test))];
    }

    private double Chip(TWeights weights, FaultMap faults, ImageSet test)
    {
        var chip = mapping.Map(weights);
        mapping.Inject(chip, faults);
        return TestAccuracy.Of(mapping.ReadBack(chip), test);
    }
}
