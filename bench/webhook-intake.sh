#!/usr/bin/env bash
# Webhook intake with persistence: sustained requests/s and latency percentiles on loopback with wrk
# (recordings routed to nothing: a camera whose match rules no bench alarm meets), then twice the connections.
# Reports the service's CPU seconds and RSS before and after each run.
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
DURATION=${DURATION:-20s}; CONNS=${CONNS:-16}; PORT=${PORT:-18777}
JVM_FLAGS=${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)}
work=$(mktemp -d); trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT; cd "$work"
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
cpu() { awk '{print ($14+$15)/100}' /proc/$pid/stat; }
rss() { awk '/VmRSS/ {print $2/1024}' /proc/$pid/status; }
run() { # $1 = connections
  local c0; c0=$(cpu)
  echo "-- $1 connections, $DURATION (RSS before: $(rss) MB)"
  wrk -t2 -c"$1" -d"$DURATION" --latency -s "$ROOT/bench/webhook-intake.lua" "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|Non-2xx|50%|90%|99%|Socket errors|requests in"
  echo "service CPU: $(echo "$(cpu) - $c0" | bc) s; RSS after: $(rss) MB"
}
WEBHOOK_SECRET=bench-secret-0123456789abcdef; export WEBHOOK_SECRET
wrk -t2 -c8 -d10s -s "$ROOT/bench/webhook-intake.lua" "http://127.0.0.1:$PORT" > /dev/null   # warm-up (JIT)
run "$CONNS"
run $((CONNS * 2))
echo "alarms stored: $(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep '^videostore_webhooks_total' )"
