#!/usr/bin/env bash
# Clip speed under load: records on-demand and pre-roll clips (stream copy) from a 640x360@10 MJPEG test camera
# (its own JVM) while busy loops load every core, and reports each clip's speed ratio = camera time it covers
# (the test camera's send times, carried in each frame as a JPEG comment next to the burnt-in clock) / its
# playback time (first to last frame). 1.00 is real speed; above 1 the clip plays fast.
# CLIPS=5 alarms per kind; HOGS=<cores> busy loops (0: no load); JAR=... measures another build.
source "$(dirname "$0")/common.sh"
CLIPS=${CLIPS:-5}; HOGS=${HOGS:-$(nproc)}; PORT=${PORT:-18310}
JVM_FLAGS=${JVM_FLAGS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile | head -1)}
hogs=()
stop_hogs() { for h in "${hogs[@]}"; do kill "$h" 2>/dev/null || true; done; hogs=(); }
work=$(mktemp -d); trap 'stop_hogs; kill $pid $campid 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$work"; echo "work: $work; jar: $JAR"
java -cp "$BENCH_CP" io.videostore.bench.TestCameraMain 640 360 10 3600 > cam.txt 2>/dev/null &
campid=$!
until [ -s cam.txt ]; do sleep 0.1; done
url=$(head -1 cam.txt)
cat > config.yml <<YML
cameras:
  - id: ondemand
    url: $url
    match: { device_id: devA }
  - id: preroll
    url: $url
    match: { device_id: devB }
    video: { pre_roll: 5, post_roll: 5 }
video:
  duration: 10
  recode: false
  output: videos
webhooks:
  secret: bench-secret-0123456789abcdef
YML
java $JVM_FLAGS -jar "$JAR" -p "$PORT" > service.log 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do sleep 0.2; done
sleep 12   # the pre-roll buffer reaches steady state
for _ in $(seq "$HOGS"); do (while :; do :; done) & hogs+=($!); done
echo "cores: $(nproc); busy loops: $HOGS; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
sleep 3
clips() { python3 -c 'import sqlite3; print(sqlite3.connect("videos/.videostore.db").execute("select count(*) from clip").fetchone()[0])' 2>/dev/null || echo 0; }
for i in $(seq "$CLIPS"); do
  # Device name M$i: the same device and text again within seconds would be a duplicate alarm.
  created=$(date -u +%Y-%m-%dT%H:%M:%S)
  for dev in devA devB; do
    curl -fs -o /dev/null -H "X-Webhook-Secret: bench-secret-0123456789abcdef" \
      -d "{\"createdOn\":\"$created\",\"systemLabel\":\"alarm-high\",\"shortContent\":\"speed $i\",\"extraInfo\":{\"Device ID\":\"$dev\",\"Device name\":\"M$i\"}}" \
      "http://127.0.0.1:$PORT/webhook"
  done
  deadline=$((SECONDS + 120))
  until [ "$(clips)" -ge $((2 * i)) ] || [ $SECONDS -gt $deadline ]; do sleep 0.5; done
done
echo "load average under load: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_hogs
ff=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/video-store/ffmpeg-*/ | head -1)
FFDIR="$ff" python3 - <<'PY'
import os, re, sqlite3, statistics, subprocess
ff = os.environ["FFDIR"]
env = dict(os.environ, LD_LIBRARY_PATH=ff)
db = sqlite3.connect("videos/.videostore.db")
rows = db.execute("select camera_id, path from clip order by id").fetchall()
ratios = {}
for cam, path in rows:
    p = path if os.path.exists(path) else os.path.join("videos", path)
    data = open(p, "rb").read()
    sent = [int(s) for s in re.findall(rb"sent=(\d{13})", data)]
    out = subprocess.run([ff + "ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time",
                          "-of", "csv=p=0", p], capture_output=True, text=True, env=env).stdout
    pts = sorted(float(l.split(",")[0]) for l in out.split() if l.strip())
    if len(sent) < 2 or len(pts) < 2:
        print(f"{cam:9s} {os.path.basename(p)}: no send times found ({len(sent)} comments, {len(pts)} frames)")
        continue
    camera_s = (sent[-1] - sent[0]) / 1000
    play_s = pts[-1] - pts[0]
    r = camera_s / play_s
    ratios.setdefault(cam, []).append(r)
    print(f"{cam:9s} {len(pts):3d} frames, camera time {camera_s:6.2f} s, playback {play_s:6.2f} s, ratio {r:.3f}")
for cam, rs in ratios.items():
    print(f"{cam}: median ratio {statistics.median(rs):.3f} (min {min(rs):.3f}, max {max(rs):.3f}, {len(rs)} clips)")
PY
