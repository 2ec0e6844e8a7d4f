#!/usr/bin/env bash
# CPU seconds per minute of recording, stream copy vs recode, for 640x360@10 and 1920x1080@15 MJPEG.
# The camera runs in its own JVM. Each case records LONG and SHORT clips with `java -jar app.jar -t`;
# CPU per minute = (cpu(LONG) - cpu(SHORT)) / (LONG - SHORT) * 60, which removes JVM start-up and finalize
# overhead that does not grow with length... except the finalize step, reported separately below.
source "$(dirname "$0")/common.sh"
LONG=${LONG:-60}; SHORT=${SHORT:-10}
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT; cd "$work"
printf "%-14s %-7s %10s %10s %12s %10s\n" camera mode cpu_long_s cpu_short_s cpu_s_per_min peak_rss_MB
IFS=, read -r -a CAMS <<< "${CAMERAS:-640 360 10,1920 1080 15}"
for cam in "${CAMS[@]}"; do
  set -- $cam
  java -cp "$BENCH_CP" io.videostore.bench.TestCameraMain $1 $2 $3 > cam.txt 2>/dev/null &
  campid=$!
  until [ -s cam.txt ]; do sleep 0.1; done
  url=$(head -1 cam.txt)
  for mode in copy recode; do
    recode=$([ $mode = recode ] && echo true || echo false)
    cpu() {
      printf "cameras:\n  - id: bench\n    url: %s\nvideo:\n  duration: %s\n  recode: %s\n  output: out\n" "$url" "$1" "$recode" > config.yml
      /usr/bin/time -f "%U %S %M" java -jar "$JAR" -t > run.log 2> time.txt || { cat run.log; exit 1; }
      tail -1 time.txt
    }
    read -r ul sl ml <<< "$(cpu $LONG)"
    read -r us ss ms <<< "$(cpu $SHORT)"
    printf "%-14s %-7s %10.2f %10.2f %12.2f %10.0f\n" "${1}x${2}@${3}" $mode "$(echo "$ul+$sl" | bc)" "$(echo "$us+$ss" | bc)" \
      "$(echo "(($ul+$sl)-($us+$ss))/($LONG-$SHORT)*60" | bc -l)" "$(echo "$ml/1024" | bc)"
  done
  kill $campid; wait $campid 2>/dev/null || true
done
