using System;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Infers each layer's output shape from its input, the way PyTorch does
    /// (<c>floor((H + 2P - K) / S) + 1</c>), and reports layers that cannot work (XMAP0102).
    /// </summary>
    internal sealed class ShapeInference
    {
        private readonly BindContext _context;
        private readonly string _path;
        private readonly NumberRules _numbers;
        private string? _block;

        public ShapeInference(BindContext context, string path)
        {
            _context = context;
            _path = path;
            _numbers = new NumberRules(context, path);
        }

        /// <summary>The bound layer, or null (reported) when it does not fit its input.</summary>
        /// <param name="block">The residual block holding the layer, which qualifies its name (<c>r2.a</c>); null at the top level.</param>
        public LayerModel? Infer(LayerSyntax layer, ShapeModel input, string? block = null)
        {
            _block = block;
            return layer.Kind switch
            {
                LayerKind.Conv => Conv(layer, input),
                LayerKind.Dense => Dense(layer, input),
                LayerKind.MaxPool or LayerKind.AvgPool => Pool(layer, input),
                LayerKind.Flatten => Make(layer, input, ShapeModel.Vector(input.Length), 1, 1, 1, 1, 0),
                LayerKind.GlobalAvgPool => GlobalAvgPool(layer, input),
                LayerKind.Dropout => Dropout(layer, input),
                _ => Make(layer, input, input, 1, 1, 1, 1, 0), // relu, and batchnorm: per channel of an image, per feature of a vector
            };
        }

        /// <summary><c>32 x 14 x 14</c>, or <c>a vector of 10</c>: a shape as messages spell it.</summary>
        public static string Describe(ShapeModel shape) =>
            shape.IsVector ? $"a vector of {shape.Length}" : $"{shape.Channels} x {shape.Height} x {shape.Width}";

        private LayerModel? GlobalAvgPool(LayerSyntax layer, ShapeModel input) => input.IsVector
            ? Fail(layer, $"global-avgpool needs a C x H x W input, but its input is a vector of {input.Length}")
            : Make(layer, input, ShapeModel.Vector(input.Channels), input.Height, input.Width, 1, 1, 0);

        private LayerModel? Dropout(LayerSyntax layer, ShapeModel input)
        {
            var rate = _numbers.Fraction(layer.Rate!, "dropout rate", allowOne: false);
            return rate is null ? null : Make(layer, input, input, 1, 1, 1, 1, 0) with { Rate = rate.Value };
        }

        private LayerModel? Conv(LayerSyntax layer, ShapeModel input)
        {
            var outputs = _numbers.Whole(layer.Outputs!, "output channels");
            var kernel = Window(layer.Window!, "kernel");
            var stride = layer.Stride is null ? 1 : _numbers.Whole(layer.Stride, "stride");
            var padding = layer.Padding is null ? 0 : _numbers.Whole(layer.Padding, "padding", min: 0);
            if (outputs is null || kernel is null || stride is null || padding is null)
            {
                return null;
            }

            var name = $"conv {QualifiedName(layer)}";
            if (input.IsVector)
            {
                return Fail(layer, $"{name} needs a C x H x W input, but its input is a vector of {input.Length}");
            }

            var (kh, kw) = kernel.Value;
            var paddedHeight = input.Height + (2 * padding.Value);
            var paddedWidth = input.Width + (2 * padding.Value);
            if (!Shared.WindowArithmetic.Fits(input.Height, kh, padding.Value) || !Shared.WindowArithmetic.Fits(input.Width, kw, padding.Value))
            {
                var padded = padding.Value == 0 ? string.Empty : $" (padded by {padding.Value}: {paddedHeight}x{paddedWidth})";
                return Fail(layer, $"{name}: a {kh}x{kw} kernel does not fit a {input.Height}x{input.Width} input{padded}");
            }

            var output = ShapeModel.Image(
                outputs.Value,
                (int)Shared.WindowArithmetic.Output(input.Height, kh, stride.Value, padding.Value),
                (int)Shared.WindowArithmetic.Output(input.Width, kw, stride.Value, padding.Value));
            return CheckSize(layer, (long)input.Channels * kh * kw * outputs.Value)
                ? Make(layer, input, output, kh, kw, stride.Value, stride.Value, padding.Value)
                : null;
        }

        private LayerModel? Dense(LayerSyntax layer, ShapeModel input)
        {
            var outputs = _numbers.Whole(layer.Outputs!, "outputs");
            if (outputs is null)
            {
                return null;
            }

            return CheckSize(layer, (long)input.Length * outputs.Value)
                ? Make(layer, input, ShapeModel.Vector(outputs.Value), 1, 1, 1, 1, 0)
                : null;
        }

        private LayerModel? Pool(LayerSyntax layer, ShapeModel input)
        {
            var window = Window(layer.Window!, "window");
            var stride = layer.Stride is null ? null : _numbers.Whole(layer.Stride, "stride");
            if (window is null || (layer.Stride is not null && stride is null))
            {
                return null;
            }

            var kind = layer.Kind == LayerKind.MaxPool ? "maxpool" : "avgpool";
            if (input.IsVector)
            {
                return Fail(layer, $"{kind} needs a C x H x W input, but its input is a vector of {input.Length}");
            }

            var (kh, kw) = window.Value;
            if (!Shared.WindowArithmetic.Fits(input.Height, kh, 0) || !Shared.WindowArithmetic.Fits(input.Width, kw, 0))
            {
                return Fail(layer, $"{kind}: a {kh}x{kw} window does not fit a {input.Height}x{input.Width} input");
            }

            // Without a stride the window steps by its own size, so windows do not overlap.
            var strideH = stride ?? kh;
            var strideW = stride ?? kw;
            var output = ShapeModel.Image(
                input.Channels, (int)Shared.WindowArithmetic.Output(input.Height, kh, strideH, 0), (int)Shared.WindowArithmetic.Output(input.Width, kw, strideW, 0));
            return Make(layer, input, output, kh, kw, strideH, strideW, 0);
        }

        private (int Height, int Width)? Window(ShapeSyntax window, string what)
        {
            if (window.Dimensions.Count > 2)
            {
                _context.Report(DiagnosticCatalog.InvalidLayerShape, _path, window.Span, $"a {what} has one or two dimensions (K or KH x KW)");
                return null;
            }

            var height = _numbers.Whole(window.Dimensions[0], what + " height");
            var width = window.Dimensions.Count == 1 ? height : _numbers.Whole(window.Dimensions[1], what + " width");
            return height is null || width is null ? null : (height.Value, width.Value);
        }

        private bool CheckSize(LayerSyntax layer, long weights)
        {
            if (weights <= int.MaxValue / 2)
            {
                return true;
            }

            Fail(layer, $"layer {QualifiedName(layer)} would hold {weights} weights, more than one array can");
            return false;
        }

        private LayerModel Make(LayerSyntax layer, ShapeModel input, ShapeModel output, int kh, int kw, int strideH, int strideW, int padding) =>
            new(layer.Kind, QualifiedName(layer), layer.Span.Line, layer.Source, input, output, kh, kw, strideH, strideW, padding);

        // Inside a block a name is qualified by the block's: `r2.a`.
        private string? QualifiedName(LayerSyntax layer) =>
            layer.Name is null ? null : _block is null ? layer.Name.Text : $"{_block}.{layer.Name.Text}";

        private LayerModel? Fail(LayerSyntax layer, string message)
        {
            _context.Report(DiagnosticCatalog.InvalidLayerShape, _path, layer.Span, message);
            return null;
        }
    }
}
