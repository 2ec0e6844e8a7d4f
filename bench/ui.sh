#!/usr/bin/env bash
# The web UI's alarms page with ALARMS alarms in the index (default 100,000 over the last year, seeded by
# io.videostore.bench.SeedAlarms), in headless Chromium (Debian's chromium + chromium-driver), RUNS times with an
# empty cache: bytes transferred, time to the first chart and to the complete page (medians).
source "$(dirname "$0")/common.sh"
ALARMS=${ALARMS:-100000}; RUNS=${RUNS:-5}; PORT=${PORT:-18779}
JVM_FLAGS=${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)}
pid=; work=$(mktemp -d); trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT; cd "$work"
java -cp "$BENCH_CP" io.videostore.bench.SeedAlarms "$work/videos" "$ALARMS" 2>/dev/null | grep "^seeded"
cat > config.yml <<YML
video:
  output: videos
YML
java $JVM_FLAGS -jar "$JAR" -p $PORT > service.log 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do sleep 0.1; done
echo "-- $ALARMS alarms, the alarms page (no web.users: this machine needs no login)"
java -cp "$BENCH_CP" io.videostore.bench.UiTiming "http://127.0.0.1:$PORT" "$RUNS" 2> ui-timing.err || { tail -30 ui-timing.err; exit 1; }
