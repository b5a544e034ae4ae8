mapdsl-bit-error-profile 1
# An illustration of the format (docs/bit-error-profile.md), written by hand, not a measurement: the MLP's 8-bit
# weight memory with a few weak cells in the most significant bits and a low base rate for the rest.
#   dotnet run -c Release --project examples/BitErrorRobustness -- --network mlp --bits 8 --profile examples/BitErrorRobustness/example-mlp.profile
rate 0.001
layer hidden
bit 0 7 1
bit 1 7 0.5
bit 300 7 0.5
bit 1000 6 0.25
bit 20000 7 1
layer out
bit 12 7 1
bit 100 7 0.5
