namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// One changed weight, decoded once per trial into where it reads and writes inside one image, so that the per-image
/// loop of <see cref="SparseCorrection"/> does no index arithmetic (a few integer divisions per change and image cost
/// more than a short conv row's multiply-adds).
/// </summary>
/// <param name="Output">Dense: the output feature. Conv: the first output element it touches, within one image.</param>
/// <param name="Input">Dense: the input feature. Conv: the input element that first output reads, within one image.</param>
/// <param name="Rows">Conv: output rows touched (0 when the tap reads only padding). Dense: 1.</param>
/// <param name="Count">Conv: output elements touched per row. Dense: 1.</param>
/// <param name="Delta">Faulty minus clean weight.</param>
internal readonly record struct CorrectionTap(int Output, int Input, int Rows, int Count, float Delta);
