# Sourced by the Slurm scripts of tools/slurm (not run on its own): what the array task, the merge job,
# the submit script and the local test must agree on, written once.
# shellcheck shell=bash

# The experiments whose command line has --shard and --merge (CampaignExperiment). BitErrorRobustness has its
# own command line without shards, so it cannot be split into a job array.
mapdsl_experiments=(DifferentialMapping FaultAwareTraining)

mapdsl_die() {
  echo "error: $*" >&2
  exit 1
}

# Refuses anything but a campaign experiment before a job is queued or a task spends its allocation on it.
mapdsl_check_experiment() {
  local e
  for e in "${mapdsl_experiments[@]}"; do
    [[ $1 == "$e" ]] && return 0
  done
  mapdsl_die "'$1' is not a campaign experiment with --shard/--merge (one of: ${mapdsl_experiments[*]})"
}

# The built program. Tasks run the dll that submit.sh built once, never `dotnet run`, so that N tasks starting
# together do not race each other building the same obj/ folders. It has to stay inside the repository: the
# program finds the shipped model and data slice by walking up from its own folder to MapDsl.sln.
mapdsl_dll() {
  local repo=$1 experiment=$2
  local dlls=()
  shopt -s nullglob
  dlls=("$repo/examples/$experiment/bin/Release/"*/"$experiment.dll")
  shopt -u nullglob
  ((${#dlls[@]} == 1)) ||
    mapdsl_die "expected one Release build of $experiment, found ${#dlls[@]}; build it first: dotnet build -c Release $repo/examples/$experiment"
  echo "${dlls[0]}"
}

# One folder per shard, named by the 1-based shard (as --shard i/N) and the shard count, so that folders of an
# earlier split of the same root into a different N are never merged by mistake.
mapdsl_shard_folder() {
  echo "$1/shard-$2-of-$3"
}

# The scripts set --out, --shard and --merge themselves; a second copy in the pass-through options would either
# be an error of the program or, worse, send a task's trials somewhere the merge does not look.
mapdsl_check_passthrough() {
  local option
  for option in "$@"; do
    case $option in
      --out | --out=* | --shard | --shard=* | --merge | --merge=*)
        mapdsl_die "$option is set by the Slurm scripts (root folder, task id); leave it out of the experiment's options" ;;
    esac
  done
}

# Whether the pass-through options already choose --workers; otherwise the task uses the CPUs Slurm gave it.
mapdsl_has_workers() {
  local option
  for option in "$@"; do
    [[ $option == --workers || $option == --workers=* ]] && return 0
  done
  return 1
}
