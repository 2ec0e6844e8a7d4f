#!/usr/bin/env bash
# The REST API with ALARMS alarms in the index (default 100,000 over the last year, seeded by
# io.videostore.bench.SeedAlarms): latency percentiles with wrk (CONNS connections, DURATION each) for the first
# page of the list, page 500, filtered lists, one alarm, the statistics and the CSV export of one device.
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
ALARMS=${ALARMS:-100000}; DURATION=${DURATION:-10s}; CONNS=${CONNS:-2}; PORT=${PORT:-18778}
JVM_FLAGS=${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)}
pid=; work=$(mktemp -d); trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT; cd "$work"
java -cp "$BENCH_CP" io.videostore.bench.SeedAlarms "$work/videos" "$ALARMS" 2>/dev/null | grep "^seeded"
cat > config.yml <<YML
cameras:
  - id: nobody
    source: demo
    match: { device_id: never-matches }
video:
  output: videos
webhooks:
  secret: bench-secret-0123456789abcdef
YML
java $JVM_FLAGS -jar "$JAR" -p $PORT > service.log 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do sleep 0.1; done
base="http://127.0.0.1:$PORT"
ms() { awk -v p="$1" '$1 == p {v=$2; if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; printf "%.1f", v}'; }
measure() { # $1 = name, $2 = path
  wrk -t1 -c"$CONNS" -d2s "$base$2" > /dev/null   # JIT warm-up for this path
  wrk -t1 -c"$CONNS" -d"$DURATION" --latency "$base$2" > wrk.txt
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $5}' wrk.txt)
  printf "%-28s p50 %7s ms  p99 %7s ms  %8s req/s%s\n" "$1" "$(ms 50% < wrk.txt)" "$(ms 99% < wrk.txt)" \
    "$(awk '/Requests\/sec/ {print $2}' wrk.txt)" "${non2xx:+  NON-2XX $non2xx}"
}
echo "-- $ALARMS alarms, $CONNS connections, $DURATION per endpoint"
measure "list, first page"          "/api/alarms"
measure "list, page 500"            "/api/alarms?page=500"
measure "list, device + outcome"    "/api/alarms?device=Press%207&outcome=failed"
measure "list, text"                "/api/alarms?text=alarm%2017%20of"
measure "list, 30 days, label"      "/api/alarms?from=$(date -u -d '30 days ago' +%Y-%m-%d)&label=alarm-low"
measure "list, by device, 200"      "/api/alarms?sort=device,asc&size=200"
measure "alarm page"                "/api/alarms/50000"
measure "stats timeline, 30 days"   "/api/stats/timeline?zone=Europe/Amsterdam"
measure "stats heatmap, 365 days"   "/api/stats/heatmap?zone=Europe/Amsterdam"
measure "stats heatmap, Kolkata"    "/api/stats/heatmap?zone=Asia/Kolkata"
measure "stats texts, 365 days"     "/api/stats/texts"
measure "cameras"                   "/api/cameras"
csv_s=$(curl -s -o alarms.csv -w '%{time_total}' "$base/api/alarms.csv?device=Press%207")
echo "CSV of one device: $(($(wc -l < alarms.csv) - 1)) rows, $(du -k alarms.csv | cut -f1) KB in ${csv_s} s"
csv_s=$(curl -s -o alarms.csv -w '%{time_total}' "$base/api/alarms.csv")
echo "CSV of all: $(($(wc -l < alarms.csv) - 1)) rows, $(du -k alarms.csv | cut -f1) KB in ${csv_s} s"
