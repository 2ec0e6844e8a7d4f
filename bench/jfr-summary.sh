#!/usr/bin/env bash
# Where the time goes in a JFR recording (bench/webhook-intake.sh PROFILE=1): CPU samples by the innermost frame
# of the service's own code (io.videostore), inclusive; the hottest methods overall; threads blocked on monitors
# and parked on locks, by the service's frame that waited; JDBC/SQLite time. Needs a JDK's jfr (JDK 25's if
# there, for its views).
set -euo pipefail
rec=$1
JFR=${JFR:-$( [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr || echo jfr)}
summarise() { # $1 = event types, $2 = title, $3 = weight field ("" = count samples)
  "$JFR" print --events "$1" --stack-depth 96 "$rec" | python3 -c '
import re, sys, collections
title, weight = sys.argv[1], sys.argv[2]
own = collections.Counter(); top = collections.Counter(); total = 0.0
def flush(frames, w):
    global total
    if not frames: return
    total += w
    top[frames[0]] += w
    seen = set()
    for f in frames:
        if f.startswith("io.videostore.") and f not in seen:
            seen.add(f); own[f] += w
ev = None; frames = []; w = 1.0
for line in sys.stdin:
    s = line.strip()
    if s.startswith("jdk.") and s.endswith("{"):
        if ev: flush(frames, w)
        ev = s; frames = []; w = 1.0
    elif weight and s.startswith(weight + " ="):
        v = s.split("=", 1)[1].strip()
        m = re.match(r"([\d.]+) (ms|s|us|ns)", v)
        if m:
            w = float(m.group(1)) * {"s": 1000, "ms": 1, "us": 0.001, "ns": 0.000001}[m.group(2)]
    elif re.match(r"^[\w.$<>]+\(.*\)\s+line:", s):
        frames.append(re.sub(r"\(.*", "", s))
if ev: flush(frames, w)
unit = "ms" if weight else "samples"
print(f"-- {title}: {total:.0f} {unit}")
if total == 0: sys.exit()
print("   service frames, inclusive (share of all):")
for f, n in own.most_common(18):
    print(f"   {100*n/total:5.1f} %  {f}")
print("   innermost frames:")
for f, n in top.most_common(10):
    print(f"   {100*n/total:5.1f} %  {f}")
' "$2" "$3"
}
summarise jdk.ExecutionSample "CPU samples" ""
summarise "jdk.JavaMonitorEnter" "time blocked entering monitors (synchronized)" duration
summarise "jdk.ThreadPark" "time parked (locks, queues, waits)" duration
