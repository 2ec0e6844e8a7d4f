#!/usr/bin/env bash
# The first alarm after a start (issue 21): a fresh service on the demo camera, an alarm posted the moment its
# port accepts a connection; how long until the 202, and how long from its arrival until the job runs and until
# the clip's first frame (from the service's own timestamps, GET /api/alarms/1). ROUNDS fresh starts, then medians.
source "$(dirname "$0")/common.sh"
ROUNDS=${ROUNDS:-5}
PORT=${PORT:-18766}
work=$(mktemp -d); trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT; cd "$work"
: > answered.txt; : > running.txt; : > frame.txt; : > codes.txt
ms() { python3 -c 'import sys,datetime as d; p=lambda s: d.datetime.fromisoformat(s.replace("Z","+00:00")); print(round((p(sys.argv[2])-p(sys.argv[1])).total_seconds()*1000))' "$1" "$2"; }
for i in $(seq "$ROUNDS"); do
  rm -rf videos index.db* config.yml; printf 'video:\n  duration: 3\n' > config.yml
  java -jar "$JAR" -p "$PORT" > svc.log 2>&1 &
  pid=$!
  until (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; do sleep 0.005; done
  now=$(date -u +%Y-%m-%dT%H:%M:%S)
  curl -s -o body.json -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"companyId\":\"c1\",\"createdOn\":\"$now\",\"systemLabel\":\"alarm-high\",\"shortContent\":\"First\",\"extraInfo\":{\"Device ID\":\"d1\",\"Device name\":\"Press\"}}" \
    "http://127.0.0.1:$PORT/webhook" > answer.txt
  read -r code secs < answer.txt; echo "$code" >> codes.txt
  echo "$secs * 1000" | bc >> answered.txt
  for _ in $(seq 120); do
    curl -s "http://127.0.0.1:$PORT/api/alarms/1" > alarm.json || true
    python3 - <<'PY' && break
import json,sys
a=json.load(open("alarm.json"))
sys.exit(0 if a.get("clips") and a["jobs"][0].get("startedAt") else 1)
PY
    sleep 0.5
  done
  read -r received started first < <(python3 -c 'import json; a=json.load(open("alarm.json")); print(a["receivedAt"], a["jobs"][0]["startedAt"], a["clips"][0]["windowStart"])')
  ms "$received" "$started" >> running.txt; ms "$received" "$first" >> frame.txt
  echo "round $i: HTTP $code, answered $(tail -1 answered.txt) ms, running after $(tail -1 running.txt) ms, first frame after $(tail -1 frame.txt) ms"
  kill $pid; wait $pid 2>/dev/null || true
done
echo "medians over $ROUNDS starts: answered $(median < answered.txt) ms, job running $(median < running.txt) ms, first frame $(median < frame.txt) ms after arrival; answers: $(sort codes.txt | uniq -c | tr -s ' ' | tr '\n' ' ')"
