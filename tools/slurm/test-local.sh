#!/usr/bin/env bash
# Tests the Slurm scripts against a real Slurm: sets up a one-node cluster on this machine (munged, slurmctld and
# slurmd on localhost only, all state in a temporary folder), submits a reduced DifferentialMapping campaign with
# submit.sh as a 4-task job array plus its merge job, waits for both, runs the same campaign unsplit, and checks
# that the merged files equal the unsplit run's. Installs the Debian packages slurmctld, slurmd, slurm-client and
# munge if they are missing. Everything it started is stopped and its folder removed on exit, also on failure.
# The last line on success is "slurm: 4 shards merged byte-identical to the unsplit run". CI runs it (.ci/run).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tools/slurm/common.sh
source "$repo/tools/slurm/common.sh"

shards=4
# Small enough that a shard takes seconds (plan: 8 configurations x 2 chips x 3 rates, both campaigns), large
# enough that every shard holds trials of every campaign and the merge has something to interleave.
options=(--chips 2 --per-decade 1 --rates 0.1%..10% --test-images 200 --train-images 500 --epochs 1)
# Seconds for the jobs once submitted; they need about 20 on 2 cores, the rest is headroom for a loaded machine.
timeout=${MAPDSL_SLURM_TEST_TIMEOUT:-300}
started=$SECONDS

# Variables of an enclosing Slurm job or a user's defaults (SBATCH_ACCOUNT, SLURM_CONF, ...) would steer our
# commands to another cluster or add options the test cluster does not know.
while IFS= read -r name; do
  unset "$name"
done < <(env | sed -n 's/^\(\(SLURM\|SBATCH\|SALLOC\|SQUEUE\|SINFO\|SCONTROL\)_[A-Za-z0-9_]*\)=.*/\1/p')

# A prefix rather than a function, so that "${as_root[@]}" daemon & leaves the daemon itself (or sudo, which
# passes signals on) in $!, not a subshell that would die alone and orphan it.
# -n: fail rather than wait for a password nobody types in CI.
as_root=()
((EUID == 0)) || as_root=(sudo -n)

# --- packages -------------------------------------------------------------------------------------------------

missing=()
for command in munged mungekey slurmctld slurmd sbatch scontrol sinfo squeue scancel; do
  command -v "$command" >/dev/null || missing+=("$command")
done
if ((${#missing[@]} > 0)); then
  command -v apt-get >/dev/null || mapdsl_die "missing ${missing[*]} and no apt-get to install slurmctld slurmd slurm-client munge"
  echo "installing slurmctld slurmd slurm-client munge (missing: ${missing[*]})"
  install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge)
  # A fresh container has no package lists yet; update only then, it is slow.
  if ! "${as_root[@]}" "${install[@]}"; then
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" "${install[@]}"
  fi
fi

# --- the cluster's folder and cleanup ---------------------------------------------------------------------------

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mapdsl-slurm.XXXXXX")
# munged requires every folder above its socket to be searchable by everyone (clients of any user connect to it).
chmod 755 "$tmp"
mkdir -p "$tmp/campaign"
export SLURM_CONF=$tmp/slurm.conf
daemons=()

dump_logs() {
  local file
  for file in "$tmp"/log/* "$tmp"/campaign/logs/*; do
    [[ -s $file ]] || continue
    echo "--- $file (last 40 lines)"
    tail -n 40 "$file"
  done
}

# Whether a process runs: it exists and is not a zombie (a daemon of ours that ended stays one until waited for).
running() {
  local state
  state=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
  [[ -n $state && $state != Z ]]
}

cleanup() {
  local status=$? pid i file proc jobs=() pids=()
  trap - EXIT
  set +e
  if ((status != 0)); then
    echo "slurm test FAILED (exit $status) after $((SECONDS - started)) s; logs:" >&2
    dump_logs >&2
  fi
  # Jobs first, while slurmctld and slurmd can still end their steps.
  if ((${#daemons[@]} > 1)); then
    mapfile -t jobs < <(squeue -h -o %A 2>/dev/null | sort -u)
    if ((${#jobs[@]} > 0)); then
      scancel --quiet --full "${jobs[@]}" 2>/dev/null
      for ((i = 0; i < 20; i++)); do
        [[ -z $(squeue -h -o %A 2>/dev/null) ]] && break
        sleep 0.5
      done
    fi
  fi
  # The daemons, newest first (slurmd and slurmctld still talk to munged while they stop), and whatever pid they
  # wrote themselves (the same, unless sudo started them). A daemon started through sudo is root's, so whether it
  # still runs is asked of /proc, not of kill -0.
  for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
    pids+=("${daemons[i]}")
  done
  for file in "$tmp"/run/slurmd.pid "$tmp"/run/slurmctld.pid "$tmp"/run/munged.pid; do
    [[ -s $file ]] && pids+=("$(<"$file")")
  done
  for pid in "${pids[@]}"; do
    "${as_root[@]}" kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 40; i++)); do
      running "$pid" || break
      sleep 0.25
    done
    running "$pid" && "${as_root[@]}" kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  # A job process that outlived its step (a killed slurmd) still carries the marker submit.sh passed on.
  for proc in /proc/[0-9]*; do
    if [[ ${proc#/proc/} != "$$" ]] && { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null | grep -qxF "MAPDSL_SLURM_TEST=$tmp"; then
      kill -KILL "${proc#/proc/}" 2>/dev/null
    fi
  done
  "${as_root[@]}" rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
# Stopped from outside (Ctrl-C, a CI time limit): leave through exit, so cleanup runs and reports a failure.
trap 'exit 130' INT
trap 'exit 143' TERM

# --- munge --------------------------------------------------------------------------------------------------------

# Created by root: munged refuses a key or socket folder that another user could write to.
"${as_root[@]}" mkdir -m 700 "$tmp/munge"
"${as_root[@]}" mkdir -m 755 "$tmp/run"
mkdir -p "$tmp/log" "$tmp/state" "$tmp/spool"
# A key of this run only, never stored anywhere else.
"${as_root[@]}" mungekey --create --keyfile="$tmp/munge/munge.key"
socket=$tmp/run/munge.socket
"${as_root[@]}" munged --foreground --key-file="$tmp/munge/munge.key" --socket="$socket" --pid-file="$tmp/run/munged.pid" \
  --seed-file="$tmp/munge/munged.seed" --log-file="$tmp/log/munged.log" >"$tmp/log/munged.out" 2>&1 &
daemons+=("$!")
for ((i = 0; i < 50; i++)); do
  [[ -S $socket ]] && break
  running "${daemons[0]}" || mapdsl_die "munged exited"
  sleep 0.1
done
[[ -S $socket ]] || mapdsl_die "munged did not create its socket"

# --- slurm.conf -----------------------------------------------------------------------------------------------------

# Two free TCP ports, so that a Slurm already running here (on the default 6817/6818) or another run of this test
# is not disturbed.
listening() {
  # Local ports in LISTEN state (0A), hexadecimal as /proc writes them.
  awk 'FNR > 1 && $4 == "0A" { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
free_port() {
  ! listening | grep -qix "$(printf '%04X' "$1")"
}
ctld_port=''
for ((i = 0; i < 100; i++)); do
  port=$((20000 + RANDOM % 20000))
  if free_port "$port" && free_port $((port + 1)); then
    ctld_port=$port
    break
  fi
done
[[ -n $ctld_port ]] || mapdsl_die "found no two free TCP ports"

cpus=$(nproc)
memory=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
user=$(id -un)
cat >"$SLURM_CONF" <<EOF
# A one-node Slurm for tools/slurm/test-local.sh, written for this run; everything on 127.0.0.1.
ClusterName=mapdsltest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
# Bind to 127.0.0.1 (the addresses above) instead of every interface.
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
# The daemons run as root (through sudo when the test does not), as slurmd must to start jobs as their user.
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
# A container or VM may have no usable cgroups: track processes through /proc, bind no tasks to cores.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
# Cores are what the tasks share; memory is not tracked, so a task's --mem does not hold the node alone.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# Finished jobs stay visible to scontrol for the whole test.
MinJobAge=3600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=mapdsl Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

# --- slurmctld and slurmd -----------------------------------------------------------------------------------------

"${as_root[@]}" slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
daemons+=("$!")
"${as_root[@]}" slurmd -D -N localhost -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
daemons+=("$!")
state=''
for ((i = 0; i < 60; i++)); do
  state=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
  [[ $state == idle ]] && break
  sleep 0.5
done
[[ $state == idle ]] || mapdsl_die "the node did not become idle (state '$state'; $(sinfo -h -R 2>/dev/null))"
echo "slurm: one-node cluster up on 127.0.0.1:$ctld_port ($cpus CPUs, $memory MB, jobs as $user) in $((SECONDS - started)) s"

# --- the campaign, split -----------------------------------------------------------------------------------------

campaign=$tmp/campaign
# One CPU per task, so that tasks run side by side on a small machine, as on a cluster node.
# MAPDSL_SLURM_TEST reaches the jobs only (submit.sh exports its environment to them), so that cleanup can find a
# job process that outlived its step by this value and nothing else.
MAPDSL_SLURM_TEST=$tmp bash "$repo/tools/slurm/submit.sh" --cpus 1 --mem 512M --time 10 \
  DifferentialMapping "$campaign" "$shards" -- "${options[@]}" | tee "$tmp/log/submit.out"
array_id=$(sed -n 's/^array job \([0-9]*\):.*/\1/p' "$tmp/log/submit.out")
merge_id=$(sed -n 's/^merge job \([0-9]*\):.*/\1/p' "$tmp/log/submit.out")
[[ -n $array_id && -n $merge_id ]] || mapdsl_die "submit.sh printed no job ids"

# One JobState per line: a single job, or every task of an array.
job_states() {
  scontrol show job -o "$1" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p'
}
waited=$SECONDS
while :; do
  merge_state=$(job_states "$merge_id")
  case $merge_state in
    COMPLETED) break ;;
    PENDING | RUNNING | CONFIGURING | COMPLETING) ;;
    # CANCELLED here is the merge being dropped because a task failed (--kill-on-invalid-dep).
    *) mapdsl_die "merge job $merge_id ended $merge_state; array tasks: $(job_states "$array_id" | sort | uniq -c | xargs)" ;;
  esac
  if job_states "$array_id" | grep -qvE '^(PENDING|RUNNING|CONFIGURING|COMPLETING|COMPLETED)$'; then
    mapdsl_die "an array task failed: $(job_states "$array_id" | sort | uniq -c | xargs)"
  fi
  ((SECONDS - waited < timeout)) || mapdsl_die "the jobs did not finish in $timeout s"
  sleep 1
done
task_states=$(job_states "$array_id" | sort | uniq -c | xargs)
[[ $task_states == "$shards COMPLETED" ]] || mapdsl_die "array tasks: $task_states, expected $shards COMPLETED"
echo "slurm: array job $array_id ($task_states) and merge job $merge_id done in $((SECONDS - waited)) s"

# --- the same campaign, unsplit, and the comparison ----------------------------------------------------------------

dll=$(mapdsl_dll "$repo" DifferentialMapping)
dotnet "$dll" --out "$tmp/unsplit" "${options[@]}" >"$tmp/log/unsplit.log" 2>&1 ||
  mapdsl_die "the unsplit run failed: $(tail -n 5 "$tmp/log/unsplit.log")"

merged=$campaign/merged
mapfile -t compared < <(cd "$tmp/unsplit" && find . \( -name summary.csv -o -name curves.csv -o -name '*.svg' \) -type f | sort)
((${#compared[@]} >= 4)) || mapdsl_die "the unsplit run wrote only ${compared[*]}"
for file in "${compared[@]}"; do
  cmp "$tmp/unsplit/$file" "$merged/$file" || mapdsl_die "merged ${file#./} differs from the unsplit run's"
done
# Trials are appended as they finish, so only the set of rows is comparable.
while IFS= read -r trials; do
  cmp <(sort "$tmp/unsplit/$trials") <(sort "$merged/$trials") >/dev/null ||
    mapdsl_die "merged ${trials#./} holds other rows than the unsplit run's"
done < <(cd "$tmp/unsplit" && find . -name trials.csv -type f)
# The report names the command that wrote it (--out differs); everything else, the pruning table that only the
# merge job's complete run adds included, must be the same.
diff <(grep -v '^- \*\*command\*\*' "$tmp/unsplit/report.md") <(grep -v '^- \*\*command\*\*' "$merged/report.md") ||
  mapdsl_die "merged report.md differs from the unsplit run's beyond the command line"

echo "slurm: compared ${compared[*]#./}, trials.csv and report.md in $((SECONDS - started)) s total"
echo "slurm: $shards shards merged byte-identical to the unsplit run"
