#!/usr/bin/env bash
# Start-up and memory: --help wall time and peak RSS; service start-up to ready and idle RSS,
# with default JVM flags and with the Dockerfile's flags.
source "$(dirname "$0")/common.sh"
RUNS=${RUNS:-7}
DOCKER_FLAGS=${DOCKER_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile 2>/dev/null | head -1)}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; cd "$work"

echo "== --help ($RUNS runs)"
for i in $(seq "$RUNS"); do /usr/bin/time -f "%e %M" java -jar "$JAR" --help 2>&1 >/dev/null | tail -1; done > help.txt
echo "wall s median: $(cut -d' ' -f1 help.txt | median)   peak RSS MB median: $(awk '{print $2/1024}' help.txt | median)"

service() { # $1 = label, $2 = JVM flags
  local label=$1 flags=$2 port=18765
  : > ready.txt; : > rss.txt
  for i in $(seq 5); do
    rm -f config.yml
    start=$(date +%s.%N)
    java $flags -jar "$JAR" -p $port > svc.log 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; do sleep 0.05; done
    echo "$(date +%s.%N) - $start" | bc >> ready.txt
    sleep 10
    awk '/VmRSS/ {print $2/1024}' /proc/$pid/status >> rss.txt
    kill $pid; wait $pid 2>/dev/null || true
  done
  echo "$label: start-to-healthy s median $(median < ready.txt), idle RSS MB median $(median < rss.txt) [$flags]"
}
echo "== service (5 runs each; ready = /actuator/health answers; RSS 10 s after ready)"
service "default JVM flags" ""
[ -n "$DOCKER_FLAGS" ] && service "Dockerfile flags" "$DOCKER_FLAGS"
