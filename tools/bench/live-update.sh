#!/usr/bin/env bash
# Live-update benchmark (not a test): one node from the built distribution records CALLS concurrent calls
# (SIPp plays CUCM, tools/loadgen the phones' RTP, both parties speaking without pauses) while the capture
# bundles are updated one after the other with bundle:update (sip, rtp, storage, handover), 10 s apart, when
# every call is up. Then every recording is fetched as WAV and the audio that went missing is measured (silent
# 20 ms windows). Prints the load table, the handover log lines and a table of missing audio.
#
#   tools/bench/live-update.sh [concurrent calls] [call seconds]
#   e.g. tools/bench/live-update.sh 200 80
#
# Build first: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/bench-node.sh

calls="${1:-100}"
call_seconds="${2:-80}"
bundles=(org.forkline.sip org.forkline.rtp org.forkline.storage org.forkline.handover)

bench_java_home
work="$(pwd)/target/bench-live-update"
bench_unpack "${work}"

export FORKLINE_NODE_ID=live
export FORKLINE_DATA="${work}/data"
export FORKLINE_SIP_PORT=5091
export FORKLINE_HTTP_PORT=8191
export FORKLINE_SSH_PORT=8111
export FORKLINE_RTP_PORT_MIN=30000
export FORKLINE_RTP_PORT_MAX=39999
export ORG_FORKLINE_SIP_RECORDUNKNOWNNUMBERS=true
export ORG_FORKLINE_SIP_CHANNELLIMIT=5000
export ORG_FORKLINE_STORAGE_MINFREEDISKMB=256
bench_start_node "${work}" "${NODE_CPUS:-1}"

since="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# Calls arrive over 2 x call_seconds (one stage with an equally long steady phase): all CALLS are up from
# call_seconds on. The updates start 5 s into that.
(
    sleep $((call_seconds + 5))
    for bundle in "${bundles[@]}"; do
        started=$(date +%s%N)
        # batch mode (-b, command on stdin): with the command as an argument the 4.4 client runs nothing
        if echo "bundle:update ${bundle}" | "${work}/dist/bin/client" -h 127.0.0.1 -a "${FORKLINE_SSH_PORT}" \
                -u karaf -p karaf -b > "${work}/update-${bundle}.out" 2>&1; then
            outcome="took $(( ($(date +%s%N) - started) / 1000000 )) ms"
        else
            outcome="FAILED, see ${work}/update-${bundle}.out"
        fi
        echo "bundle:update ${bundle} at $(date -u +%H:%M:%S) ${outcome}" | tee -a "${work}/updates.txt"
        sleep 10
    done
) &
updater=$!

taskset -c "${LOAD_CPUS:-0}" java -cp "tools/loadgen/target/classes:tools/loadgen/target/lib/*" \
    org.forkline.loadgen.LoadGenerator --pid "${node_pid}" --sip "127.0.0.1:${FORKLINE_SIP_PORT}" \
    --http "http://127.0.0.1:${FORKLINE_HTTP_PORT}" --stages "${calls}" --call-seconds "${call_seconds}" \
    --steady-seconds "${call_seconds}" --activity continuous --work "${work}/loadgen"
wait "${updater}"

echo
echo "Handover log lines (karaf.log):"
grep -hE "SIP handover|RTP capture stopping|RTP capture: took over|Handover: storage took over|parked legs ended" \
    "${work}/data/log/karaf.log" | sed -E 's/^([^|]*)\|[^|]*\|[^|]*\|[^|]*\|[^|]*\| /\1 /' || true
echo
echo "Legs ended by the recorder (SHUTDOWN, ERROR) instead of CUCM's BYE: $(grep -c "reason SHUTDOWN\|reason ERROR" \
    "${work}/data/log/karaf.log" || true)"
echo
java -cp "tools/loadgen/target/classes:tools/loadgen/target/lib/*" org.forkline.loadgen.AudioGapProbe \
    --http "http://127.0.0.1:${FORKLINE_HTTP_PORT}" --since "${since}" --calls "$((calls * 2))" \
    --updates "${#bundles[@]}"
