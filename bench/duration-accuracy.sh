#!/usr/bin/env bash
# Duration accuracy: 20 clips of 5 s from a 10 fps MJPEG test camera (recode on): requested vs probed.
source "$(dirname "$0")/common.sh"
java -cp "$BENCH_CP" io.videostore.bench.DurationAccuracy "${CLIPS:-20}" "${SECONDS_PER_CLIP:-5}" 2>/dev/null
