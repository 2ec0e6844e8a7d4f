#!/usr/bin/env bash
# Start-up and memory: --help wall time and peak RSS; the service from launch until it is ready (the readiness
# probe answers UP) and its RSS 10 s later, in each form it ships:
#   jar              java -jar app.jar
#   extracted        the jar extracted by Boot's jarmode=tools (what the Docker image and the systemd unit run)
#   extracted + CDS  the same with the class data sharing archive of a training run (-XX:SharedArchiveFile)
#   AOT cache        the same on JDK 25 with its AOT cache (-XX:AOTCache), when JDK25 points at one
# each with default JVM flags and with the Dockerfile's. RUNS starts each (default 5); medians. ONLY=regex picks
# forms by label (e.g. ONLY='CDS, Docker').
source "$(dirname "$0")/common.sh"
RUNS=${RUNS:-5}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
DOCKER_FLAGS=${DOCKER_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile 2>/dev/null | head -1)}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; cd "$work"

echo "== --help ($RUNS runs)"
for i in $(seq "$RUNS"); do /usr/bin/time -f "%e %M" java -jar "$JAR" --help 2>&1 >/dev/null | tail -1; done > help.txt
echo "wall s median: $(cut -d' ' -f1 help.txt | median)   peak RSS MB median: $(awk '{print $2/1024}' help.txt | median)"

# The extracted form and its training runs (the same commands as the Dockerfile's).
java -Djarmode=tools -jar "$JAR" extract --destination "$work/app" >/dev/null
train() { # $1 = java, $2.. = flags; exits when the context has refreshed
  local java=$1; shift
  rm -rf "$work/train"; mkdir "$work/train"
  (cd "$work/train" && "$java" "$@" -Dspring.context.exit=onRefresh -jar "$work/app/app.jar" >train.log 2>&1) \
    || { echo "training run failed:"; tail -20 "$work/train/train.log"; exit 1; }
}
train java -XX:ArchiveClassesAtExit="$work/app/app.jsa"
echo "CDS archive: $(du -m "$work/app/app.jsa" | cut -f1) MB"
aot=
if [ -x "$JDK25/bin/java" ]; then
  train "$JDK25/bin/java" -XX:AOTCacheOutput="$work/app/app.aot"
  aot="$JDK25/bin/java"
  echo "AOT cache (JDK 25): $(du -m "$work/app/app.aot" | cut -f1) MB"
fi

service() { # $1 = label, $2 = java, $3 = jar, $4 = JVM flags
  local label=$1 java=$2 jar=$3 flags=$4 port=18765
  [[ "$label" =~ ${ONLY:-.} ]] || return 0   # ONLY=regex: only the forms whose label matches
  : > ready.txt; : > rss.txt
  for i in $(seq "$RUNS"); do
    rm -rf config.yml videos
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$java" $flags -jar "$jar" -p $port > svc.log 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
      kill -0 $pid 2>/dev/null || { echo "$label: the service exited:"; tail -20 svc.log; exit 1; }
      sleep 0.05
    done
    echo "$(date +%s.%N) - $start" | bc >> ready.txt
    sleep 10
    awk '/VmRSS/ {print $2/1024}' /proc/$pid/status >> rss.txt
    kill $pid; wait $pid 2>/dev/null || true
  done
  printf '%-32s start to ready s median %5s (min %s, max %s), idle RSS MB median %s [%s]\n' "$label" \
    "$(median < ready.txt)" "$(sort -g ready.txt | head -1)" "$(sort -g ready.txt | tail -1)" "$(median < rss.txt)" "$flags"
}
echo "== service ($RUNS runs each; ready = /actuator/health/readiness answers UP; RSS 10 s after ready)"
for flags in "" "$DOCKER_FLAGS"; do
  [ -z "$flags" ] && what="default flags" || what="Dockerfile flags"
  service "jar, $what" java "$JAR" "$flags"
  service "extracted, $what" java "$work/app/app.jar" "$flags"
  service "extracted + CDS, $what" java "$work/app/app.jar" "-XX:SharedArchiveFile=$work/app/app.jsa $flags"
  [ -n "$aot" ] && service "JDK 25 AOT cache, $what" "$aot" "$work/app/app.jar" "-XX:AOTCache=$work/app/app.aot $flags"
  [ -n "$DOCKER_FLAGS" ] || break
done
