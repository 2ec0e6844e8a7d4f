#!/usr/bin/env bash
# Trigger-to-first-frame latency through the fake IXON API + web-access proxy (median of RUNS, default 20):
# warm token vs renewed/revoked token vs cold client, and IXON API calls per recording. Loopback only.
source "$(dirname "$0")/common.sh"
if [ ! -f target/test-classes/io/videostore/bench/IxonLatency.class ] || ! grep -q wiremock target/bench-cp.txt; then
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
  BENCH_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-cp.txt")"
fi
java -cp "$BENCH_CP" io.videostore.bench.IxonLatency "${RUNS:-20}" 2>/dev/null
