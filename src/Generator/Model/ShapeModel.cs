namespace MapDsl.Generator.Model
{
    /// <summary>
    /// The shape of what flows between layers: a C x H x W image or, when <see cref="IsVector"/>,
    /// a vector of <see cref="Length"/> values (stored as C = Length, H = W = 1).
    /// </summary>
    internal sealed record ShapeModel(int Channels, int Height, int Width, bool IsVector)
    {
        public int Length => Channels * Height * Width;

        public static ShapeModel Vector(int length) => new(length, 1, 1, true);

        public static ShapeModel Image(int channels, int height, int width) => new(channels, height, width, false);

        public override string ToString() => IsVector ? Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Channels}x{Height}x{Width}";
    }
}
