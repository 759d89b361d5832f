#!/usr/bin/env bash
# RTP receive benchmark (not a test): N media sessions of the real RTP bundle on loopback, one sender thread
# blasting 20 ms G.711 packets at all of them, no storage behind them; prints packets per second received and
# lost and the CPU the event loops spent.
#
#   tools/bench/rtp-receive.sh [sessions, default 1200] [seconds, default 20]
#
# Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../../bundles/org.forkline.rtp"
classpath_file="$(mktemp)"
trap 'rm -f "${classpath_file}"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="${classpath_file}" >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat "${classpath_file}")" \
    org.forkline.rtp.internal.RtpReceiveBenchmark "${1:-1200}" "${2:-20}"
