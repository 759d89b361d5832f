#!/usr/bin/env bash
# Forkline load benchmark (not a test): starts one node from the built distribution, ramps concurrent
# recorded calls (SIPp plays CUCM's signalling, tools/loadgen plays the phones' RTP) and prints a table of
# packets, CPU per wall-second and per recorded call-hour, calls per core and heap. Every stage is bounded:
# calls of CALL_SECONDS, a steady phase of STEADY_SECONDS, then the node must drain its sealing queue.
#
#   tools/bench/load.sh [stages] [call seconds] [steady seconds]
#   e.g. tools/bench/load.sh 200,400,600,800 30 60
#
# The node is pinned to CPU ${NODE_CPUS:-1} and the load generators (SIPp, Java RTP sender) to
# ${LOAD_CPUS:-0}, so that "calls per core" is what one core of the node sustains and the generators do
# not steal its CPU.
#
# LOADGEN_ARGS passes more options to the load generator, e.g. LOADGEN_ARGS="--activity half" (each party talks
# half of the time) instead of the default ITU-T P.59 conversational activity.
#
# Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/bench-node.sh

stages="${1:-100,300,600}"
call_seconds="${2:-30}"
steady_seconds="${3:-60}"

bench_java_home
work="$(pwd)/target/bench"
bench_unpack "${work}"

export FORKLINE_NODE_ID=bench
export FORKLINE_DATA="${work}/data"
export FORKLINE_SIP_PORT=5090
export FORKLINE_HTTP_PORT=8190
export FORKLINE_SSH_PORT=8110
export FORKLINE_RTP_PORT_MIN=20000
export FORKLINE_RTP_PORT_MAX=29999
export ORG_FORKLINE_SIP_RECORDUNKNOWNNUMBERS=true
export ORG_FORKLINE_SIP_CHANNELLIMIT=5000
export ORG_FORKLINE_STORAGE_MINFREEDISKMB=256
export EXTRA_JAVA_OPTS="-Xlog:gc:file=${work}/gc.log:uptime"
node_cpus="${NODE_CPUS:-1}"
load_cpus="${LOAD_CPUS:-0}"
bench_start_node "${work}" "${node_cpus}"

taskset -c "${load_cpus}" java -cp "tools/loadgen/target/classes:tools/loadgen/target/lib/*" org.forkline.loadgen.LoadGenerator \
    --pid "${node_pid}" --sip "127.0.0.1:${FORKLINE_SIP_PORT}" --http "http://127.0.0.1:${FORKLINE_HTTP_PORT}" \
    --stages "${stages}" --call-seconds "${call_seconds}" --steady-seconds "${steady_seconds}" --work "${work}/loadgen" ${LOADGEN_ARGS:-}
