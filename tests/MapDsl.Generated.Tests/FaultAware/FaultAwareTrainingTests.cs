using Lab.Systolic;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;

namespace MapDsl.Generated.Tests.FaultAware;

/// <summary>
/// Fault-aware training of the 784-128-10 MLP of systolic.xmap on a chip with 30% bypassed PEs of its 16 x 16 array,
/// on the shipped Fashion-MNIST slice: the bypassed weights stay exactly 0, the chip computes exactly the trained
/// network, and its accuracy recovers most of what the faults took.
/// </summary>
public sealed class FaultAwareTrainingTests
{
    private static readonly IMapping<Mlp.Weights> Mapping = OnArray.Instance;

    private static Mlp.Weights Trained()
    {
        var weights = ExampleNetworks.SystolicMlp(5);
        MaskedTrainer.FineTune(weights, null, Datasets.FashionTrain(), new TrainingOptions(Epochs: 2, LearningRate: 0.01f, Seed: 3, Nesterov: true));
        return weights;
    }

    [Fact]
    public void Training_holds_the_bypassed_weights_at_zero_and_recovers_accuracy_on_the_chip()
    {
        var test = Datasets.FashionTest();
        var trained = Trained();
        var faults = Mapping.SampleFaults(new FaultRates(0, 0, 0, 0.3), chip: 11);
        faults.BypassedPes.Count.ShouldBeInRange(50, 105); // about 77 of 256

        var untrainedChip = Mapping.Map(trained);
        Mapping.Inject(untrainedChip, faults);
        var before = TestAccuracy.Of(Mapping.ReadBack(untrainedChip), test);

        var fat = trained.Clone();
        FaultAwareTraining.FineTune(fat, Mapping, faults, Datasets.FashionTrain(), new TrainingOptions(Epochs: 1, LearningRate: 0.01f, Seed: 4, Nesterov: true));
        var chip = Mapping.Map(fat);
        Mapping.Inject(chip, faults);
        var readBack = Mapping.ReadBack(chip);
        var after = TestAccuracy.Of(readBack, test);

        var keep = FaultAwareTraining.KeepMasks(Mapping, faults);
        for (var i = 0; i < keep.Count; i++)
        {
            var layer = Mlp.WeightedLayerNames[i];
            var values = fat.WeightsOf(layer);
            Enumerable.Range(0, values.Length).Where(w => !keep[i][w]).ShouldAllBe(w => values[w] == 0f, layer);
            readBack.WeightsOf(layer).ShouldBe(values, layer); // the chip computes the trained network exactly
        }

        // The same epoch without the chip's mask: what training alone (not awareness of the faults) would recover.
        var unaware = trained.Clone();
        MaskedTrainer.FineTune(unaware, null, Datasets.FashionTrain(), new TrainingOptions(Epochs: 1, LearningRate: 0.01f, Seed: 4, Nesterov: true));
        var unawareChip = Mapping.Map(unaware);
        Mapping.Inject(unawareChip, faults);
        var withoutMask = TestAccuracy.Of(Mapping.ReadBack(unawareChip), test);

        var clean = TestAccuracy.Of(trained, test);
        before.ShouldBeLessThan(clean - 0.03, "30% bypassed PEs should cost accuracy");
        after.ShouldBeGreaterThan(withoutMask + 0.02, $"fault-aware training: {before:P1} -> {after:P1}, the same epoch unaware of the faults {withoutMask:P1} (fault-free {clean:P1})");
    }

    [Fact]
    public void The_keep_masks_are_the_weights_the_chip_reads_as_zero()
    {
        var weights = ExampleNetworks.SystolicMlp(8); // no zero weight among them
        var faults = Mapping.SampleFaults(new FaultRates(0, 0, 0, 0.1), chip: 2);
        var chip = Mapping.Map(weights);
        Mapping.Inject(chip, faults);
        var readBack = Mapping.ReadBack(chip);

        var keep = FaultAwareTraining.KeepMasks(Mapping, faults);

        keep.Count.ShouldBe(Mlp.WeightedLayerNames.Count);
        for (var i = 0; i < keep.Count; i++)
        {
            var read = readBack.WeightsOf(Mlp.WeightedLayerNames[i]);
            Enumerable.Range(0, read.Length).ShouldAllBe(w => keep[i][w] == (read[w] != 0f));
        }
    }

    [Fact]
    public void A_fused_map_masks_every_weight_any_member_bypasses()
    {
        var maps = new[] { 1UL, 2UL, 3UL }.Select(chip => Mapping.SampleFaults(new FaultRates(0, 0, 0, 0.05), chip)).ToArray();

        var fused = FaultAwareTraining.KeepMasks(Mapping, FaultMapFusion.Union(maps));
        var members = maps.Select(m => FaultAwareTraining.KeepMasks(Mapping, m)).ToArray();

        for (var i = 0; i < fused.Count; i++)
        {
            Enumerable.Range(0, fused[i].Length).ShouldAllBe(w => fused[i][w] == members.All(m => m[i][w]));
        }
    }
}
