#!/usr/bin/env bash
# Forkline replication benchmark (not a test). Two nodes of one cluster from the built distribution (node1 primary,
# node2 backup; default etc/org.forkline.replication.cfg: push hint over JGroups + pull every 5 s), all on loopback:
#
#  1. catch-up: node1 alone records CATCHUP_CALLS real calls (SIPp signalling + Java RTP, CATCHUP_CALL_SECONDS each at
#     CATCHUP_RATE calls/s, through SIP, RTP, journals, sealing into Opus and Derby like any call) and seals them all;
#     then node2 starts with empty data and pulls the whole history. Rate from node2's replication start to its last
#     commit (node2's log), and the recordings count on node2's REST sampled every 200 ms.
#  2. lag: LAG_CALLS calls of LAG_CALL_SECONDS at LAG_RATE calls/s on node1 while node2 is up. Per recording: its commit
#     on node2 (PeerPuller's DEBUG line "Applied change", turned on for this run, ms timestamps) minus its endedAt on
#     node1 (the BYE), and its first sight on node2's REST (polled every 100 ms) minus endedAt.
#  3. bytes: everything node1 sends to node2 (HTTP responses to node2's pulls and node1's own pulls of node2, JGroups
#     TCP and failure-detection sockets), counted on the wire by iptables rules on loopback (comment forkline-bench)
#     during phases 1 and 2, divided by the recorded channel-hours (2 channels per call). The benchmark's own REST
#     reads go to 127.0.0.2 so that they do not count.
#
#   tools/bench/replication.sh                  (defaults below; needs root for iptables, sipp, ~10 min)
#   CATCHUP_CALLS=10000 CATCHUP_RATE=100 CATCHUP_CALL_SECONDS=2 LAG_CALLS=200 LAG_RATE=5 LAG_CALL_SECONDS=5
#
# Ports (high, away from tests): SIP 46060/46062, HTTP 46180/46181, SSH 46110/46111, cluster 46200/46201,
# failure detection 46300/46301, RTP 47000-51999 / 52000-56999. Build first: mvn -B -q install -DskipTests
# DIST=path/to/forkline-*.tar.gz runs another distribution than karaf-assembly/target's.
set -euo pipefail
cd "$(dirname "$0")/../.."

catchup_calls="${CATCHUP_CALLS:-10000}"
catchup_rate="${CATCHUP_RATE:-100}"
catchup_call_seconds="${CATCHUP_CALL_SECONDS:-2}"
lag_calls="${LAG_CALLS:-200}"
lag_rate="${LAG_RATE:-5}"
lag_call_seconds="${LAG_CALL_SECONDS:-5}"

source tools/bench/bench-node.sh
bench_java_home
export TZ=UTC # log timestamps of the nodes and the probe's parsing of them
work="$(pwd)/target/bench-replication"
rm -rf "${work}"
mkdir -p "${work}/dist"
tar xzf ${DIST:-karaf-assembly/target/forkline-*.tar.gz} -C "${work}/dist" --strip-components=1
# Commit timestamps of the peer: PeerPuller logs "Applied change <origin>:<seq> (RECORDING_SEALED <id>) from <peer>".
cat >> "${work}/dist/etc/org.ops4j.pax.logging.cfg" <<'EOF'
log4j2.logger.benchpuller.name = org.forkline.replication.internal.PeerPuller
log4j2.logger.benchpuller.level = DEBUG
EOF
sed -i 's/^log4j2.appender.rolling.policies.size.size = .*/log4j2.appender.rolling.policies.size.size = 512MB/' \
    "${work}/dist/etc/org.ops4j.pax.logging.cfg"
ulimit -n 65536 || true
loadgen_cp="tools/loadgen/target/classes:tools/loadgen/target/lib/*"

export FORKLINE_CLUSTER_PEERS=127.0.0.1:46200,127.0.0.1:46201
export FORKLINE_CLUSTER_SECRET=bench-replication-secret
export ORG_FORKLINE_SIP_RECORDUNKNOWNNUMBERS=true
export ORG_FORKLINE_SIP_CHANNELLIMIT=5000
export ORG_FORKLINE_STORAGE_MINFREEDISKMB=256

pids=()
cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${pids[@]}"; do
        for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$p" 2>/dev/null || true
    done
    iptables -w -D OUTPUT -o lo -m comment --comment forkline-bench -j FORKLINE_BENCH 2>/dev/null || true
    iptables -w -F FORKLINE_BENCH 2>/dev/null || true
    iptables -w -X FORKLINE_BENCH 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Byte counters: n1-out = what node1 sends to node2, n2-out = the way back.
iptables -w -N FORKLINE_BENCH
iptables -w -I OUTPUT -o lo -m comment --comment forkline-bench -j FORKLINE_BENCH
rule() { iptables -w -A FORKLINE_BENCH -p tcp "${@:2}" -m comment --comment "forkline-bench $1"; }
rule "n1-out http" -s 127.0.0.1 --sport 46180   # node1's answers to node2's pulls (changes, media)
rule "n1-out http" -d 127.0.0.1 --dport 46181   # node1's pulls of node2
rule "n1-out jgroups" --sport 46200
rule "n1-out jgroups" --dport 46201
rule "n1-out jgroups-fd" --sport 46300
rule "n1-out jgroups-fd" --dport 46301
rule "n2-out http" -s 127.0.0.1 --sport 46181
rule "n2-out http" -d 127.0.0.1 --dport 46180
rule "n2-out jgroups" --sport 46201
rule "n2-out jgroups" --dport 46200
rule "n2-out jgroups-fd" --sport 46301
rule "n2-out jgroups-fd" --dport 46300

# start_node <n 1|2> <role>
start_node() {
    local n="$1" role="$2" i=$(($1 - 1))
    FORKLINE_NODE_ID="node${n}" FORKLINE_DATA="${work}/node${n}" FORKLINE_ROLE="${role}" \
    FORKLINE_PRIORITY=$((100 + i)) FORKLINE_SIP_ADDRESS=127.0.0.1 FORKLINE_SIP_PORT=$((46060 + 2 * i)) \
    FORKLINE_HTTP_PORT=$((46180 + i)) FORKLINE_SSH_PORT=$((46110 + i)) ORG_APACHE_KARAF_SHELL_SSHHOST=127.0.0.1 \
    ORG_APACHE_KARAF_SHELL_HOSTKEY="${work}/node${n}/host.key" FORKLINE_CLUSTER_ADDRESS=127.0.0.1 \
    FORKLINE_CLUSTER_PORT=$((46200 + i)) ORG_FORKLINE_CLUSTER_FAILUREDETECTIONPORT=$((46300 + i)) \
    FORKLINE_RTP_ADDRESS=127.0.0.1 FORKLINE_RTP_PORT_MIN=$((47000 + 5000 * i)) FORKLINE_RTP_PORT_MAX=$((51999 + 5000 * i)) \
        "${work}/dist/bin/karaf" daemon > "${work}/node${n}.out" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 180); do
        curl -sf -u karaf:karaf "http://127.0.0.2:$((46180 + i))/api/v1/health" >/dev/null && return 0
        sleep 1
    done
    echo "node${n} did not come up, see ${work}/node${n}/log/karaf.log"
    exit 1
}

# load <calls> <rate> <call seconds> <dir>: a steady stage of the load generator (it also waits for sealing to drain)
load() {
    local calls="$1" rate="$2" seconds="$3"
    java -cp "${loadgen_cp}" org.forkline.loadgen.LoadGenerator --pid "${node1_pid}" --sip 127.0.0.1:46060 \
        --http http://127.0.0.2:46180 --stages $((rate * seconds)) --call-seconds "${seconds}" \
        --steady-seconds $(((calls + rate - 1) / rate - seconds)) --work "${work}/$4" > "${work}/$4.txt" 2>&1
    grep -E 'WARNING|SIPp reported' "${work}/$4.txt" || true
}

probe() {
    java -cp "${loadgen_cp}" org.forkline.loadgen.ReplicationProbe "$1" --origin http://127.0.0.2:46180 \
        --peer http://127.0.0.2:46181 --peer-log "${work}/node2/log" --work "${work}" "${@:2}"
}

echo "== 1. catch-up: ${catchup_calls} calls of ${catchup_call_seconds} s at ${catchup_rate}/s on node1 alone"
start_node 1 primary
node1_pid="${pids[0]}"
load "${catchup_calls}" "${catchup_rate}" "${catchup_call_seconds}" catchup-load
echo "node1 holds $(curl -sf -u karaf:karaf 'http://127.0.0.2:46180/api/v1/recordings?limit=1' \
    | sed -E 's/.*"total":([0-9]+).*/\1/') recordings; node2 starts with empty data"
iptables -w -Z FORKLINE_BENCH
start_node 2 backup
probe catchup --timeout 1200 | tee "${work}/catchup.md"

echo "== 2. lag: ${lag_calls} calls of ${lag_call_seconds} s at ${lag_rate}/s on node1, node2 up"
sleep 10 # let the catch-up's last pulls and the sealing of nothing settle
iptables -w -Z FORKLINE_BENCH
since="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
probe lag --since "${since}" --done "${work}/lag-load.done" --timeout 900 > "${work}/lag.md" 2>&1 &
probe_pid=$!
pids+=("${probe_pid}")
load "${lag_calls}" "${lag_rate}" "${lag_call_seconds}" lag-load
touch "${work}/lag-load.done"
wait "${probe_pid}" || echo "the lag probe failed, see ${work}/lag.md"
cat "${work}/lag.md"
iptables -w -vxnL FORKLINE_BENCH > "${work}/iptables-lag.txt"
ss -tnp > "${work}/sockets-after-lag.txt" || true

echo
echo "| target | measured | verdict |"
echo "|---|---|---|"
cat "${work}/summary.md"
