using Lab.Systolic;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;

namespace MapDsl.Generated.Tests.FaultAware;

/// <summary>Accuracies measured at checkpoints of one fault-aware training run equal separate runs of each length.</summary>
public sealed class ResilienceAnalysisTests
{
    [Fact]
    public void Checkpoints_of_one_run_equal_a_separate_run_per_amount()
    {
        var train = Datasets.FashionTrain().Slice(0, 1000);
        var test = Datasets.FashionTest().Slice(0, 300);
        var trained = ExampleNetworks.SystolicMlp(5);
        MaskedTrainer.FineTune(trained, null, train, new TrainingOptions(Epochs: 1, LearningRate: 0.01f, Seed: 3, Nesterov: true));
        var faults = OnArray.SampleFaults(new FaultRates(0, 0, 0, 0.2), chip: 4);
        var options = new TrainingOptions(Epochs: 1, LearningRate: 0.01f, Seed: 9, Nesterov: true);

        var points = ResilienceAnalysis.OfMap(trained, OnArray.Instance, faults, rate: 0.2, map: 2, [0, 0.25, 1.5], train, test, options);

        points.Select(p => (p.Rate, p.Epochs, p.Map)).ShouldBe([(0.2, 0.0, 2), (0.2, 0.25, 2), (0.2, 1.5, 2)]);
        points[0].Accuracy.ShouldBe(Chip(trained, faults, test));
        foreach (var point in points.Skip(1))
        {
            var alone = trained.Clone();
            FaultAwareTraining.FineTune(alone, OnArray.Instance, faults, train, options.ForEpochs(point.Epochs, train.Count));
            point.Accuracy.ShouldBe(Chip(alone, faults, test), $"{point.Epochs} epochs");
        }

        points[2].Accuracy.ShouldBeGreaterThan(points[0].Accuracy);
    }

    private static double Chip(Mlp.Weights weights, FaultMap faults, ImageSet test)
    {
        var chip = OnArray.Map(weights);
        OnArray.Inject(chip, faults);
        return TestAccuracy.Of(OnArray.ReadBack(chip), test);
    }
}
