namespace MapDsl.Runtime.Engine;

/// <summary>How A and B are stored for one of the three public products.</summary>
internal enum GemmLayout
{
    /// <summary>A is m x k, B is k x n.</summary>
    Plain,

    /// <summary>A is m x k, B is stored n x k.</summary>
    TransposedB,

    /// <summary>A is stored k x m, B is k x n.</summary>
    TransposedA,
}
