// Makes the class-balanced Fashion-MNIST slice in data/fashion-mnist from a full copy:
//   dotnet run --project tools/MakeDataSlice -- [--from DIR] [--to DIR] [--train-per-class N] [--test-per-class N]
// Defaults: --from /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist), --to the repository's
// data/fashion-mnist, 400 training and 100 test images per class. It prints the size and SHA-256 of each file for
// the slice's README.
using MapDsl.Tools.MakeDataSlice;

try
{
    var options = SliceOptions.Parse(args);
    SliceWriter.Write(options, Console.Out);
    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(SliceOptions.Usage);
    return 2;
}
catch (Exception error) when (error is IOException or MapDsl.Runtime.Data.DataFormatException)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
