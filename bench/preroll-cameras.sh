#!/usr/bin/env bash
# Pre-roll at scale: N cameras (default 16, MJPEG 640x360@10 from a test camera in its own JVM) buffer at once
# in one service; measures the service's CPU (JVM + its ffmpeg children) and RSS over a minute, then posts one
# alarm per camera and reports how long until each clip is in the index (alarms still served?).
source "$(dirname "$0")/common.sh"
N=${N:-16}; PORT=${PORT:-18778}; MEASURE=${MEASURE:-60}
JVM_FLAGS=${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)}
work=$(mktemp -d); trap 'kill $pid $campid 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; cd "$work"; echo "work: $work"
java -cp "$BENCH_CP" io.videostore.bench.TestCameraMain 640 360 10 3600 > cam.txt 2>/dev/null &
campid=$!
until [ -s cam.txt ]; do sleep 0.1; done
url=$(head -1 cam.txt)
{
  echo "cameras:"
  for i in $(seq "$N"); do
    printf "  - id: cam%d\n    url: %s\n    match: { device_id: dev%d }\n" "$i" "$url" "$i"
  done
  printf "video:\n  pre_roll: 5\n  post_roll: 3\n  output: videos\nwebhooks:\n  secret: bench-secret-0123456789abcdef\n  workers: 2\n  queue_size: %d\n" "$N"
} > config.yml
java $JVM_FLAGS -jar "$JAR" -p $PORT > service.log 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do sleep 0.2; done
sleep 15   # let every buffer reach steady state
ticks() { # CPU ticks of the JVM and all its children (ffmpeg)
  local total=0
  for p in $pid $(pgrep -P $pid); do
    [ -r /proc/$p/stat ] && total=$((total + $(awk '{print $14+$15}' /proc/$p/stat)))
  done
  echo $total
}
rss() { local t=0; for p in $pid $(pgrep -P $pid); do t=$((t + $(awk '/VmRSS/ {print $2}' /proc/$p/status))); done; echo $((t / 1024)); }
buffering=$(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep -c '^videostore_buffer_buffering{.*} 1.0')
t0=$(ticks); sleep "$MEASURE"; t1=$(ticks)
hz=$(getconf CLK_TCK)
echo "cameras buffering: $buffering of $N; ffmpeg processes: $(pgrep -P $pid -c)"
echo "service CPU (JVM + ffmpeg) over ${MEASURE}s: $(echo "scale=2; ($t1-$t0)/$hz" | bc) s = $(echo "scale=1; 100*($t1-$t0)/$hz/$MEASURE" | bc) % of one core; per camera: $(echo "scale=3; ($t1-$t0)/$hz/$N/$MEASURE*60" | bc) CPU-s/min"
echo "RSS (JVM + ffmpeg): $(rss) MB"
created=$(date -u -d '-2 seconds' +%Y-%m-%dT%H:%M:%S)
start=$(date +%s.%N)
for i in $(seq "$N"); do
  curl -fs -o /dev/null -w "%{http_code} " -H "X-Webhook-Secret: bench-secret-0123456789abcdef" \
    -d "{\"createdOn\":\"$created\",\"systemLabel\":\"alarm-high\",\"shortContent\":\"bench $i\",\"extraInfo\":{\"Device ID\":\"dev$i\",\"Device name\":\"M$i\"}}" \
    "http://127.0.0.1:$PORT/webhook"
done
echo
until [ "$(ls videos/*.mp4 2>/dev/null | wc -l)" -ge "$N" ] || [ "$(echo "$(date +%s.%N) - $start > 120" | bc)" = 1 ]; do sleep 0.2; done
echo "clips: $(ls videos/*.mp4 2>/dev/null | wc -l) of $N, all within $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s of the alarms (each waits until createdOn + post_roll is buffered)"
python3 - <<'PY'
import sqlite3, time
time.sleep(1)
db = sqlite3.connect("videos/.videostore.db")
states = db.execute("select state, count(*) from job group by state").fetchall()
d = db.execute("select min(duration_s), max(duration_s), min(codec), max(codec) from clip").fetchone()
print("jobs by state:", dict(states), "; clip durations %.2f-%.2f s (window 8 s, cut 1 s wider each side), codec %s" % (d[0], d[1], d[2]))
PY
