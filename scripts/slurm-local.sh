#!/usr/bin/env bash
# A one-node Slurm for tests, kept entirely in one folder: its own slurm.conf, state, spool, logs,
# pid files, and its own munge daemon (key and socket). /etc/slurm and the system munged are left
# alone; clients reach this Slurm through SLURM_CONF.
#
#   bash scripts/slurm-local.sh up DIR     # start munged, slurmctld, slurmd; prints `export SLURM_CONF=...`
#   bash scripts/slurm-local.sh down DIR   # cancel its jobs and stop the daemons by their pid files
#
# Needs root and the Debian packages slurm-wlm and munge; it installs nothing. The ports are picked
# free at each start, so a daemon left over from another run does not get in the way.
set -euo pipefail

die() { echo "slurm-local: $*" >&2; exit 1; }

usage() { echo "usage: bash $0 up|down DIR" >&2; exit 2; }

[ $# -eq 2 ] || usage
ACTION=$1
[ "$ACTION" = up ] || [ "$ACTION" = down ] || usage
if [ "$ACTION" = down ] && [ ! -d "$2" ]; then exit 0; fi
if [ "$ACTION" = up ] && [ "$(id -u)" -ne 0 ]; then
  die "must run as root (slurmd starts jobs as their users; munged and slurmctld run as root here). Run the tests as root, e.g. in a container."
fi
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
export SLURM_CONF="$DIR/slurm.conf"

# Sends TERM to the daemon of a pid file, waits for it to go (KILL after ~5 s), removes the file.
# A pid that now belongs to another program (a stale file) is left alone.
stop_pid_file() {
  local file=$1 name=$2 pid
  [ -s "$file" ] || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    echo "slurm-local: stopped $name (pid $pid)"
  fi
  rm -f "$file"
}

down() {
  # Jobs first, so that no slurmstepd (and no `sleep 600`) outlives its slurmd.
  if [ -s "$DIR/slurmctld.pid" ] && [ "$(cat "/proc/$(cat "$DIR/slurmctld.pid")/comm" 2>/dev/null)" = slurmctld ]; then
    local jobs
    jobs=$(timeout 10 squeue -h -o %i 2>/dev/null || true)
    if [ -n "$jobs" ]; then
      # shellcheck disable=SC2086 # one argument per job id
      timeout 10 scancel $jobs 2>/dev/null || true
      for _ in $(seq 1 50); do
        [ -z "$(timeout 5 squeue -h -t PD,R,CG,S -o %i 2>/dev/null || true)" ] && break
        sleep 0.1
      done
    fi
  fi
  stop_pid_file "$DIR/slurmd.pid" slurmd
  stop_pid_file "$DIR/slurmctld.pid" slurmctld
  stop_pid_file "$DIR/munge/munged.pid" munged
}

if [ "$ACTION" = down ]; then
  down
  exit 0
fi

# ---- up -------------------------------------------------------------------------------------

for tool in slurmctld slurmd munged munge unmunge sinfo squeue scancel; do
  command -v "$tool" >/dev/null || die "$tool not found. Install Slurm and munge (Debian: apt-get install slurm-wlm munge)."
done

# A daemon of an earlier run in this folder goes first.
down >/dev/null

# Every TCP port in use (hex, from /proc/net), then a random one outside that set.
used_ports() { awk 'NR > 1 { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | sort -u; }
free_port() {
  local used p hex
  used=$(used_ports)
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 30000))
    [ "$p" = "${1:-}" ] && continue
    hex=$(printf '%04X' "$p")
    grep -qx "$hex" <<<"$used" || { echo "$p"; return 0; }
  done
  die "no free TCP port found"
}

log_tails() {
  local f
  for f in "$DIR/daemons.out" "$DIR/munge/munged.log" "$DIR/slurmctld.log" "$DIR/slurmd.log"; do
    [ -f "$f" ] || continue
    echo "---- last lines of $f" >&2
    tail -n 20 "$f" >&2
  done
}

fail() {
  echo "slurm-local: $*" >&2
  log_tails
  down >/dev/null 2>&1 || true
  exit 1
}

# munged checks permissions: the socket's folder must be searchable by everyone, the key private.
chmod 755 "$DIR"
mkdir -p "$DIR/munge" "$DIR/run" "$DIR/state" "$DIR/spool"
chmod 700 "$DIR/munge"
chmod 755 "$DIR/run"
rm -rf "${DIR:?}/state/"* "${DIR:?}/spool/"* "$DIR/daemons.out"
if [ ! -s "$DIR/munge/munge.key" ]; then
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile="$DIR/munge/munge.key"
  else
    dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1 count=1024 status=none
  fi
  chmod 400 "$DIR/munge/munge.key"
fi
SOCKET="$DIR/run/munge.socket"
rm -f "$SOCKET" "$SOCKET.lock"
# The daemons get no terminal and no pipe of ours: a caller that reads our output is not kept waiting.
munged --socket="$SOCKET" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/munge/munged.pid" \
  --seed-file="$DIR/munge/munged.seed" --log-file="$DIR/munge/munged.log" </dev/null >>"$DIR/daemons.out" 2>&1 ||
  fail "munged did not start"
for _ in $(seq 1 50); do
  munge -S "$SOCKET" -n 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 && break
  sleep 0.1
done
munge -S "$SOCKET" -n 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 || fail "munged does not answer on $SOCKET"

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
CTLD_PORT=$(free_port)
SLURMD_PORT=$(free_port "$CTLD_PORT")

cat >"$SLURM_CONF" <<EOF
# Written by scripts/slurm-local.sh: a one-node Slurm in $DIR.
ClusterName=local
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/jobcomp.log
SchedulerType=sched/backfill
# Start batch jobs at once rather than batching submissions for up to 3 s.
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
KillWait=5
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

# Both daemonize and write their pid files; -c starts the controller with no saved state.
slurmctld -c </dev/null >>"$DIR/daemons.out" 2>&1 || fail "slurmctld did not start"
slurmd </dev/null >>"$DIR/daemons.out" 2>&1 || fail "slurmd did not start"

for _ in $(seq 1 150); do
  state=$(timeout 5 sinfo -h -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "${state:-}" = idle ] || fail "the node did not become idle within 30 s (sinfo: '${state:-no answer}')"

echo "export SLURM_CONF=$SLURM_CONF"
