namespace MapDsl.Runtime.Engine.Training;

/// <summary>Learning-rate schedules for <see cref="TrainingOptions.LearningRateOfEpoch"/>.</summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// The rate times 0.1 after each milestone at 2/5, 3/5 and 4/5 of <paramref name="epochs"/> (integer division, as
    /// the bit-error paper's <c>get_multi_step_scheduler</c>): epoch e (1-based) is past milestone m when e &gt; m.
    /// </summary>
    /// <param name="learningRate">The starting rate.</param>
    /// <param name="epochs">The epochs of the whole run.</param>
    /// <returns>The rate of each epoch.</returns>
    public static Func<int, float> MultiStep(float learningRate, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        int[] milestones = [2 * epochs / 5, 3 * epochs / 5, 4 * epochs / 5];
        return epoch =>
        {
            float rate = learningRate;
            foreach (int milestone in milestones)
            {
                if (epoch > milestone)
                {
                    rate *= 0.1f;
                }
            }

            return rate;
        };
    }
}
