#!/usr/bin/env bash
# Fuzzing: N requests (default 10,000) from a seeded RNG (SEED, default 42: the same SEED and N send the same
# requests) against the jar configured with a webhook secret and one bcrypt web user, CONC at a time (default 4):
# ~40 % webhooks with mutated bodies and secrets, ~40 % calls of the OpenAPI description's endpoints (and of the
# pages, login, actuator and static files) with fuzzed paths and parameters, logged in and anonymous, ~20 % odd
# headers, methods and framing (bench/fuzz.py). Prints request kind x status class, the 5xx found (there must be
# none), the ERROR and stack-trace lines in the service log, and the service's RSS before and after.
source "$(dirname "$0")/common.sh"
N=${N:-10000}; SEED=${SEED:-42}; CONC=${CONC:-4}
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
JVM_FLAGS=${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)}
SECRET=bench-secret-0123456789abcdef
PASSWORD=fuzz-password-0123
pid=; work=$(mktemp -d); trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT; cd "$work"
hash=$(echo "$PASSWORD" | java -jar "$JAR" --hash-password 2>/dev/null | grep '^{bcrypt}')
# The camera records only when asked through the API (record-now): no alarm matches it, so the thousands of
# webhooks are stored without a recording each.
cat > config.yml <<YML
cameras:
  - id: nobody
    source: demo
    match: { device_id: never-matches }
video:
  output: videos
  duration: 2
webhooks:
  secret: $SECRET
web:
  users:
    - name: fuzzer
      password: '$hash'
YML
java $JVM_FLAGS -jar "$JAR" -p "$PORT" > service.log 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { cat service.log >&2; exit 1; }
  sleep 0.2
done
rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$pid/status; }
before=$(rss)
python3 "$ROOT/bench/fuzz.py" --port "$PORT" --secret "$SECRET" --user fuzzer --password "$PASSWORD" \
  --n "$N" --seed "$SEED" --conc "$CONC" --examples "$ROOT"/src/test/resources/examples/*.json
echo "service log: $(wc -l < service.log) lines, $(grep -c ' ERROR ' service.log || true) ERROR," \
  "$(grep -cE '^\s+at |^Caused by: |^\s+\.\.\. [0-9]+ more' service.log || true) stack-trace lines," \
  "$(grep -c ' WARN ' service.log || true) WARN"
# Each ERROR with the exception under it (class and message), counted.
awk '/ ERROR /{sub(/^[^ ]+ ERROR +\[[^]]*\] /, ""); e=$0; getline; print e " <- " substr($0, 1, 110)}' service.log |
  sort | uniq -c | sort -rn | head -8
# Each line a stack trace follows (a WARN with an exception), counted.
awk '/^\s+at / && prev !~ /^\s+at |^Caused by/ {print "  stack trace under: " substr(last, 1, 150)} {if ($0 !~ /^\s+at |^Caused by|^\s+\.\.\./) last=$0; prev=$0}' \
  service.log | sed -E 's/^  stack trace under: [^ ]+ /  stack trace under: /' | sort | uniq -c | sort -rn | head -5
[ -n "${KEEP_LOG:-}" ] && cp service.log "$KEEP_LOG"
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health" || true)
echo "RSS before: $before, after: $(rss); health after: $health"
