#!/usr/bin/env bash
# Consumer build time: a console project that compiles the code generated from an .xmap file
# against the same project without it. Both reference the built runtime, generator and analyzers
# as a package consumer gets them (DLLs, no project references), so only the consumer's own
# compilation is timed. Usage, from the repository root:
#   benchmarks/ConsumerBuild/consumer-build.sh [path/to/file.xmap] [runs]
# Prints the median wall time of `dotnet build --no-restore --no-incremental` for each project.
# EMIT_TO=dir also writes the generated files there (EmitCompilerGeneratedFiles).
set -euo pipefail

xmap="$(realpath "${1:-tests/MapDsl.Generator.Tests/Xmap/Large/vgg16.xmap}")"
runs="${2:-3}"
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release -nologo -v q src/Generator/MapDsl.Generator.csproj >/dev/null
dotnet build -c Release -nologo -v q src/Analyzers/MapDsl.Analyzers.csproj >/dev/null
dotnet build -c Release -nologo -v q src/Runtime/MapDsl.Runtime.csproj >/dev/null
sprache="$(find ~/.nuget/packages/sprache/2.3.1/lib/netstandard2.0 -name Sprache.dll)"

project() {
  local dir="$work/$1" items="$2"
  mkdir -p "$dir"
  cat >"$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <RootNamespace>Consumer</RootNamespace>
    <EmitCompilerGeneratedFiles>${EMIT_TO:+true}</EmitCompilerGeneratedFiles>
    <CompilerGeneratedFilesOutputPath>${EMIT_TO:-generated}</CompilerGeneratedFilesOutputPath>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="$root/src/Runtime/bin/Release/net10.0/MapDsl.Runtime.dll" />
    <Analyzer Include="$root/src/Generator/bin/Release/netstandard2.0/MapDsl.Generator.dll" />
    <Analyzer Include="$root/src/Analyzers/bin/Release/netstandard2.0/MapDsl.Analyzers.dll" />
    <Analyzer Include="$sprache" />
    <CompilerVisibleProperty Include="RootNamespace" />
    $items
  </ItemGroup>
</Project>
XML
  echo 'System.Console.WriteLine("consumer");' >"$dir/Program.cs"
  dotnet restore -v q "$dir" >/dev/null
}

median() {
  local dir="$work/$1" times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    dotnet build -c Release -nologo -v q --no-restore --no-incremental "$dir" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f s", a[int((NR + 1) / 2)] }'
}

project empty ""
project xmap "<AdditionalFiles Include=\"$xmap\" />"
empty="$(median empty)"
full="$(median xmap)"
echo "consumer build (median of $runs, dotnet build --no-incremental):"
echo "  empty console project:        $empty"
echo "  with $(basename "$xmap"): $full"
