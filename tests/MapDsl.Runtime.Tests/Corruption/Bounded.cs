using System.Runtime.ExceptionServices;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>Runs a read with a time limit, so a reader stuck in a loop on a damaged file fails the test instead of hanging it.</summary>
internal static class Bounded
{
    // Far beyond any read of the matrix's small files.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The result of <paramref name="work"/>, or the exception it threw, rethrown as it was.</summary>
    public static T Run<T>(Func<T> work, string what)
    {
        Task<T> task = Task.Run(work);
        try
        {
            task.Wait(Patience).ShouldBeTrue($"{what}: the read did not finish within {Patience}");
        }
        catch (AggregateException failed) when (failed.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(failed.InnerException).Throw();
        }

        return task.Result;
    }
}
