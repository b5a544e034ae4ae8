using System.Runtime.ExceptionServices;

namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>
/// Runs a matrix of reads on a thread of its own with a time limit, so a reader stuck in a loop on a damaged file fails
/// the test, naming the damage it was reading, instead of hanging it. One thread for a whole matrix rather than a task
/// per read: the thread pool is shared with the tests running in parallel and would make each read wait its turn.
/// </summary>
internal static class Bounded
{
    // Far beyond a whole matrix even on a loaded machine; only a reader that never returns reaches it.
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>The result of <paramref name="work"/>, or the exception it threw, rethrown as it was.</summary>
    /// <param name="work">The reads.</param>
    /// <param name="current">What is being read at the moment, for the message when the time is up.</param>
    public static T Run<T>(Func<T> work, Func<string> current)
    {
        Task<T> task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!task.Wait(Patience))
            {
                throw new ShouldAssertException($"{current()}: the read did not finish within {Patience}");
            }
        }
        catch (AggregateException failed) when (failed.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(failed.InnerException).Throw();
        }

        return task.Result;
    }
}
