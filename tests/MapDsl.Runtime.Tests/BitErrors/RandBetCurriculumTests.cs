using MapDsl.Runtime.BitErrors;

namespace MapDsl.Runtime.Tests.BitErrors;

/// <summary>The authors' average_simple_curriculum on hand-made loss sequences, with their threshold 1.75.</summary>
public class RandBetCurriculumTests
{
    [Theory]
    [InlineData(2.30, 0.00, false)] // the clean loss is above 1.15 · 1.75 = 2.0125
    [InlineData(2.0125, 0.00, false)] // ... and the bound is strict
    [InlineData(2.01, 0.00, true)] // below it, and (2.01 + 0) / 2 <= 1.75
    [InlineData(1.50, 2.00, true)] // mean 1.75: at most the threshold
    [InlineData(1.60, 1.91, false)] // mean 1.755: above
    [InlineData(0.30, 3.50, false)] // a low clean loss does not help when the perturbed one is far too high
    [InlineData(0.50, 3.00, true)]
    public void One_step(double clean, double perturbed, bool injects) =>
        RandBetCurriculum.Default.InjectsNext(clean, perturbed).ShouldBe(injects);

    [Fact]
    public void A_training_run_switches_on_once_the_clean_loss_is_low_and_off_while_the_errors_hurt_too_much()
    {
        // (clean, perturbed when injecting): the perturbed loss only counts in steps that injected.
        (double Clean, double Perturbed)[] steps =
            [(2.3, 3.0), (2.1, 2.9), (1.9, 2.8), (1.5, 2.2), (1.4, 1.9), (1.2, 2.5), (1.0, 1.4), (0.9, 1.2)];
        bool inject = false; // the run starts without errors
        var injected = new List<bool>();
        foreach (var (clean, perturbed) in steps)
        {
            injected.Add(inject);
            inject = RandBetCurriculum.Default.InjectsNext(clean, inject ? perturbed : 0);
        }

        // step 3 is the first with a clean loss below 2.0125; step 4 injects and its mean (1.5 + 2.2) / 2 = 1.85 switches
        // step 5 off; step 5's clean loss alone switches 6 on; 6's mean 1.85 switches 7 off; 7 switches 8 on.
        injected.ShouldBe([false, false, false, true, false, true, false, true]);
    }

    [Fact]
    public void The_threshold_scales_both_bounds() =>
        new RandBetCurriculum(1.0).InjectsNext(1.14, 0.86).ShouldBeTrue(); // 1.14 < 1.15 and mean exactly 1.0
}
