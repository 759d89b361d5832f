#!/usr/bin/env bash
# Sealing benchmark (not a test): CPU-seconds per recorded call-hour of journal writing, encoding to Ogg Opus and
# decoding for a WAV download, and MB per hour of the sealed file, on a 10-minute speech-like two-party call.
#
#   tools/bench/sealing.sh [half|p59]       (activity model, default half: each party talks half of the time)
#
# Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../../bundles/org.forkline.storage"
activity="${1:-half}"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}" >/dev/null
exec taskset -c "${BENCH_CPUS:-1}" java -cp "target/classes:target/test-classes:$(cat "${classpath_file}")" \
    org.forkline.storage.internal.bench.SealingBenchmark 600 3 2 "${activity}"
