namespace MapDsl.Shared
{
    /// <summary>
    /// Output size of a sliding window (convolution or pool) along one dimension, PyTorch's floor rule, written once
    /// for the generator's shape inference and the runtime's layer shapes. Linked as source into the generator, the
    /// analyzers and the runtime; callers check their own preconditions and phrase their own errors.
    /// </summary>
    internal static class WindowArithmetic
    {
        /// <summary>Whether a window of <paramref name="window"/> fits an input padded by <paramref name="pad"/> on each side.</summary>
        public static bool Fits(long input, long window, long pad) => window <= input + (2 * pad);

        /// <summary>floor((input + 2·pad − window) / stride) + 1, for a window that fits and a stride of at least 1.</summary>
        public static long Output(long input, long window, long stride, long pad) => ((input + (2 * pad) - window) / stride) + 1;
    }
}
