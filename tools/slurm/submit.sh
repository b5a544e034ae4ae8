#!/usr/bin/env bash
# Submits a MapDsl campaign experiment to Slurm as a job array of N shards (shard.sbatch) plus a merge job
# (merge.sbatch) that starts once every task has succeeded, and prints both job ids. See docs/scale-out.md.
#
#   tools/slurm/submit.sh [submit options] EXPERIMENT ROOT N [--] [experiment options]
#
#   EXPERIMENT  DifferentialMapping or FaultAwareTraining
#   ROOT        shared folder for the run: shard-<i>-of-<N>/ per task, merged/, logs/, jobs.log
#   N           number of shards (array tasks 0..N-1)
#
# Submit options (before EXPERIMENT):
#   --partition P, --account A   for both jobs
#   --time T, --cpus C, --mem M  per array task (default 1:00:00, 2, 4G); the task runs --workers C
#   --merge-time T, --merge-cpus C, --merge-mem M   for the merge job (default: the tasks' values)
#   --tasks LIST                 submit only these task ids (e.g. 3,7 to re-run failed tasks; default 0-(N-1)),
#                                with a new merge job waiting for them
#   --merge-only                 the merge job only merges (skips the complete run over merged/, see merge.sbatch)
#   --sbatch ARG                 one more sbatch option for both jobs, e.g. --sbatch --qos=long (repeatable)
#   --no-build                   do not build (the Release build must exist)
#
# Example: tools/slurm/submit.sh --partition short --time 30 DifferentialMapping /scratch/$USER/dm 10 -- --chips 50
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tools/slurm/common.sh
source "$here/common.sh"

# The header comment is the help text.
usage() {
  local status=${1:-2}
  if ((status == 0)); then
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
  else
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  fi
  exit "$status"
}

both=() task_time=01:00:00 cpus=2 mem=4G merge_time='' merge_cpus='' merge_mem='' tasks='' merge_only=0 build=1
while (($# > 0)); do
  case $1 in
    --partition | --account | --time | --cpus | --mem | --merge-time | --merge-cpus | --merge-mem | --tasks | --sbatch)
      (($# >= 2)) || { echo "error: $1 needs a value" >&2; usage; } ;;
  esac
  case $1 in
    --partition) both+=(--partition "$2"); shift 2 ;;
    --account) both+=(--account "$2"); shift 2 ;;
    --time) task_time=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --merge-time) merge_time=$2; shift 2 ;;
    --merge-cpus) merge_cpus=$2; shift 2 ;;
    --merge-mem) merge_mem=$2; shift 2 ;;
    --tasks) tasks=$2; shift 2 ;;
    --merge-only) merge_only=1; shift ;;
    --sbatch) both+=("$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    -h | --help) usage 0 ;;
    -*) echo "error: unknown submit option $1" >&2; usage ;;
    *) break ;;
  esac
done
(($# >= 3)) || usage
experiment=$1 root=$2 shards=$3
shift 3
[[ ${1:-} == -- ]] && shift
mapdsl_check_experiment "$experiment"
mapdsl_check_passthrough "$@"
[[ $shards =~ ^[1-9][0-9]*$ ]] || mapdsl_die "N must be a positive number of shards, got '$shards'"
tasks=${tasks:-0-$((shards - 1))}

# Jobs start in whatever folder; every path they get must be absolute.
mkdir -p "$root/logs"
root=$(cd "$root" && pwd)

if ((build)); then
  # Once, here: N tasks building the same project at once would race on its obj/ and bin/ folders.
  echo "building $experiment (Release)"
  dotnet build -c Release --nologo -v quiet "$repo/examples/$experiment"
fi
mapdsl_dll "$repo" "$experiment" >/dev/null

# --export=ALL keeps the caller's environment (PATH to dotnet, DOTNET_*); the jobs are told the repository and N
# explicitly because they run from a copy of their script, and a re-submitted subset of tasks cannot tell N.
export_vars=ALL,MAPDSL_REPO=$repo,MAPDSL_SHARDS=$shards,MAPDSL_MERGE_ONLY=$merge_only
array_cmd=(sbatch --parsable ${both[@]+"${both[@]}"} --array="$tasks" --time="$task_time" --cpus-per-task="$cpus" --mem="$mem"
  --job-name="mapdsl-$experiment" --output="$root/logs/shard-%A_%a.out" --export="$export_vars"
  "$repo/tools/slurm/shard.sbatch" "$experiment" "$root" "$@")
array_id=$("${array_cmd[@]}")
array_id=${array_id%%;*} # --parsable prints "id" or "id;cluster"

# --kill-on-invalid-dep: when a task fails, cancel the merge instead of leaving it pending forever; it has to be
# submitted again anyway, after the re-run tasks (--tasks).
merge_cmd=(sbatch --parsable ${both[@]+"${both[@]}"} --dependency="afterok:$array_id" --kill-on-invalid-dep=yes
  --time="${merge_time:-$task_time}" --cpus-per-task="${merge_cpus:-$cpus}" --mem="${merge_mem:-$mem}"
  --job-name="mapdsl-$experiment-merge" --output="$root/logs/merge-%j.out" --export="$export_vars"
  "$repo/tools/slurm/merge.sbatch" "$experiment" "$root" "$@")
merge_id=$("${merge_cmd[@]}")
merge_id=${merge_id%%;*}

# The commands, for re-submitting a failed task later without this terminal's scroll-back.
{
  echo "# $(date -u +%FT%TZ): array job $array_id, merge job $merge_id"
  printf '%q ' "${array_cmd[@]}"; echo
  printf '%q ' "${merge_cmd[@]}"; echo
} >>"$root/jobs.log"

echo "array job $array_id: $experiment tasks $tasks of $shards shards into $root/shard-<task+1>-of-$shards"
echo "merge job $merge_id: after every task succeeds, into $root/merged"
echo "logs in $root/logs; watch with: squeue -j $array_id,$merge_id"
