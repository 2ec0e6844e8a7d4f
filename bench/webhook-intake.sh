#!/usr/bin/env bash
# Webhook intake with persistence: sustained requests/s and latency percentiles on loopback with wrk, then twice
# the connections. Reports the service's CPU seconds and RSS before and after each run.
# The alarms are routed to a camera, as users run it: one on-demand camera (the built-in demo source) that every
# alarm matches, as in the original's single-camera setup; each alarm is stored, routed, and joins the capture
# under way (or starts the next). UNROUTED=1: a camera no bench alarm matches (stored and answered only).
# PROFILE=1: a JFR recording of the measured runs, summarised by bench/jfr-summary.sh (hot methods, locks).
# COLD=1: the storm right after a start instead: 32 connections for the first 10 s after the service reports
# ready (readiness probe UP), no warm-up; ROUNDS=5 fresh starts, each reported, then the medians.
# JAR_FLAGS: extra JVM flags (e.g. -XX:SharedArchiveFile=..., with JAR= an extracted app.jar).
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
DURATION=${DURATION:-20s}; CONNS=${CONNS:-16}; PORT=${PORT:-18777}
JVM_FLAGS="${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)} ${JAR_FLAGS:-}"
work=$(mktemp -d); trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT; cd "$work"
if [ -n "${UNROUTED:-}" ]; then match="match: { device_id: never-matches }"; what="unrouted"; else match=""; what="routed to one on-demand camera"; fi
cat > config.yml <<YML
cameras:
  - id: line
    source: demo
    $match
video:
  output: videos
webhooks:
  secret: bench-secret-0123456789abcdef
YML
echo "alarms $what"
WEBHOOK_SECRET=bench-secret-0123456789abcdef; export WEBHOOK_SECRET
if [ -n "${COLD:-}" ]; then
  for round in $(seq 1 "${ROUNDS:-5}"); do
    rm -rf videos
    java $JVM_FLAGS -jar "$JAR" -p $PORT > service.log 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.05; done
    wrk -t2 -c32 -d10s --latency -s "$ROOT/bench/webhook-intake.lua" "http://127.0.0.1:$PORT" > wrk.txt
    rps=$(awk '/Requests\/sec/ {print $2}' wrk.txt)
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}' wrk.txt)
    non2xx=$(awk '/Non-2xx/ {print $5}' wrk.txt)
    echo "round $round: ${rps} req/s, p99 ${p99} ms${non2xx:+, non-2xx $non2xx}"
    echo "$rps" >> rps.txt; echo "$p99" >> p99.txt
    kill $pid; wait $pid 2>/dev/null || true
  done
  echo "cold start, first 10 s after ready, 32 connections: median $(median < rps.txt) req/s, median p99 $(median < p99.txt) ms"
  exit 0
fi
java $JVM_FLAGS -jar "$JAR" -p $PORT > service.log 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.1; done
cpu() { awk '{print ($14+$15)/100}' /proc/$pid/stat; }
rss() { awk '/VmRSS/ {print $2/1024}' /proc/$pid/status; }
run() { # $1 = connections
  local c0; c0=$(cpu)
  echo "-- $1 connections, $DURATION (RSS before: $(rss) MB)"
  wrk -t2 -c"$1" -d"$DURATION" --latency -s "$ROOT/bench/webhook-intake.lua" "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|Non-2xx|50%|90%|99%|Socket errors|requests in"
  echo "service CPU: $(echo "$(cpu) - $c0" | bc) s; RSS after: $(rss) MB"
}
wrk -t2 -c8 -d10s -s "$ROOT/bench/webhook-intake.lua" "http://127.0.0.1:$PORT" > /dev/null   # warm-up (JIT)
[ -n "${PROFILE:-}" ] && jcmd $pid JFR.start name=intake settings=profile filename="$work/intake.jfr" >/dev/null
run "$CONNS"
run $((CONNS * 2))
if [ -n "${PROFILE:-}" ]; then
  jcmd $pid JFR.stop name=intake >/dev/null
  cp "$work/intake.jfr" "$ROOT/target/intake.jfr"
  bash "$ROOT/bench/jfr-summary.sh" "$ROOT/target/intake.jfr"
fi
echo "alarms stored: $(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep '^videostore_webhooks_total' )"
