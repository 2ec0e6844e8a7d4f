#!/usr/bin/env bash
# Slowloris: N connections trickle a header byte every 2 s for DURATION seconds; meanwhile a real webhook is posted
# once a second. Prints each answer's status and time, and the service's RSS before and after.
# Short on purpose (the machine may be shared): N=2000 DURATION=30 by default.
source "$(dirname "$0")/common.sh"
N=${N:-2000}; DURATION=${DURATION:-30}; PORT=${PORT:-18766}
SECRET=bench-secret-0123456789abcdef
work=$(mktemp -d); cd "$work"
VIDEOSTORE_WEBHOOK_SECRET=$SECRET java -jar "$JAR" -p "$PORT" > svc.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do sleep 0.1; done
rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$pid/status; }
echo "ready; RSS $(rss); opening $N trickling connections for ${DURATION}s"
python3 - "$PORT" "$N" "$DURATION" <<'PY' &
import socket, sys, time
port, n, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
end, closed = time.time() + total, 0
socks = [None] * n
while time.time() < end:
    for i in range(n):
        s = socks[i]
        try:
            if s is None:  # (re)connect, as an attacker would after the server closed one
                s = socket.create_connection(("127.0.0.1", port), timeout=0.01)
                s.sendall(b"POST /webhook HTTP/1.1\r\nHost: x\r\nX-a: ")
                socks[i] = s
            else:
                s.send(b"b")
        except OSError:
            if s is not None:
                closed += 1
                s.close()
            socks[i] = None
    time.sleep(2)
print(f"tricklers: {closed} connections closed by the server (and reopened)", flush=True)
PY
loris=$!
body=$(cat "$ROOT/src/test/resources/examples/cloud-notify-not-an-alarm.json")
for i in $(seq "$DURATION"); do
  curl -s -o /dev/null -m 30 -w "webhook %{http_code} in %{time_total}s\n" -H "X-Webhook-Secret: $SECRET" \
    -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:$PORT/webhook" || true
  sleep 1
done
wait $loris || true
echo "RSS after: $(rss)"
grep -c "Closed .* connection(s)" svc.log | sed 's/^/header-deadline log lines: /'
