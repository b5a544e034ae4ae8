using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Runtime.Tests.BitErrors;

/// <summary>The bit-error paper's multi-step schedule: ×0.1 after 2/5, 3/5 and 4/5 of the epochs.</summary>
public class LearningRateScheduleTests
{
    [Fact]
    public void Twenty_epochs_step_down_after_epochs_8_12_and_16()
    {
        var rate = LearningRateSchedule.MultiStep(0.05f, 20);

        double[] expected = [.. Enumerable.Range(1, 20).Select(e => e <= 8 ? 0.05 : e <= 12 ? 0.005 : e <= 16 ? 0.0005 : 0.00005)];
        Enumerable.Range(1, 20).Select(e => (double)rate(e)).ShouldBe(expected, 1e-9);
    }

    [Fact]
    public void Milestones_use_integer_division_as_the_authors_do()
    {
        // 7 epochs: milestones 2, 4, 5.
        var rate = LearningRateSchedule.MultiStep(1f, 7);
        Enumerable.Range(1, 7).Select(e => (double)rate(e)).ShouldBe([1, 1, 0.1, 0.1, 0.01, 0.001, 0.001], 1e-7);
    }
}
