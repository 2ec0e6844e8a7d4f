#!/usr/bin/env bash
# Several instances on one PostgreSQL (issue 13): webhook intake (wrk on every instance at once, alarms routed to
# no camera) and recordings per minute (48 alarms on 8 on-demand cameras) with 1, 2 and 3 instances, then the
# takeover time after kill -9 of a pre-roll camera's owner (ROUNDS, default 10), with the default
# instance.takeover_after (15 s) and the shortest (3 s). Each instance is its own JVM (-Xmx256m, SerialGC); the
# database is the embedded PostgreSQL of the tests with its default durability (fsync on). On 2 cores this
# shows the cost of sharing, not a speed-up: every instance competes for the same two cores.
# MODES="intake recordings takeover" picks what runs.
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
MODES=${MODES:-intake recordings takeover}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
bench() { local d="$work/${*// /-}"; mkdir -p "$d"; java -Dvideostore.durable-postgres=true -cp "$BENCH_CP" io.videostore.bench.ClusterBench "$JAR" "$d" "$@" 2>&1 | grep -v "^\s*at \|DEBUG\|INFO\|WARN\|^SLF4J"; }
for mode in $MODES; do
  case $mode in
    intake|recordings) for n in 1 2 3; do bench "$mode" "$n"; done ;;
    takeover) bench takeover "${ROUNDS:-10}" 15; bench takeover "${ROUNDS:-10}" 3 ;;
  esac
done
