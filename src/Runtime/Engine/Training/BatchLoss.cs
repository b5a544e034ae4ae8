namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// Forward and backward on one mini-batch: returns the mean loss and writes the gradient of every trained parameter
/// into the gradient arrays of the <see cref="TrainableLayer"/>s (overwriting them). A generated model fits it as
/// <c>(pixels, labels, batch) =&gt; model.Loss(pixels, labels, batch, weights, gradients)</c>.
/// </summary>
/// <param name="pixels">The batch's inputs, image after image.</param>
/// <param name="labels">One class per image.</param>
/// <param name="batch">Images in the batch.</param>
public delegate double BatchLoss(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> labels, int batch);
