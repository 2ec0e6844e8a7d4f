# Shared set-up for the benchmark scripts: builds the jar (again when sources changed) and the test classpath.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Rebuilt when missing, asked for, or older than any source: a stale jar measures old code.
# The jar's own time is the reproducible build's fixed timestamp, so a stamp file says when it was built.
if [ ! -f target/app.jar ] || [ ! -f target/app.jar.built ] || [ -n "${REBUILD:-}" ] \
    || [ -n "$(find src pom.xml -newer target/app.jar.built -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
  touch target/app.jar.built
fi
if [ ! -f target/bench-cp.txt ] || [ ! -d target/test-classes/io/videostore/bench ]; then
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
fi
BENCH_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-cp.txt")"
# JAR=...: measure another build (e.g. an older commit's) with these scripts.
JAR="${JAR:-$ROOT/target/app.jar}"
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
