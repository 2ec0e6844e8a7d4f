#!/usr/bin/env bash
# S3 uploads through the outbox, against s3proxy in the same JVM: CLIPS clips of MB megabytes (clips/s, MB/s,
# CPU, memory), then an outage of OUTAGE seconds with a clip stored every 500 ms and the catch-up time.
source "$(dirname "$0")/common.sh"
java -Xmx256m -cp "$BENCH_CP" io.videostore.storage.UploadBenchmark "${CLIPS:-100}" "${MB:-5}" "${OUTAGE:-60}" 2>/dev/null |
  grep -v DEBUG
