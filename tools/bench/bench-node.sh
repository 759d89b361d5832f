#!/usr/bin/env bash
# Sourced by the benchmark scripts: the JDK, a fresh distribution, and one node started from it.

# JAVA_HOME from the javac on the PATH unless set.
bench_java_home() {
    if [ -z "${JAVA_HOME:-}" ]; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
        export JAVA_HOME
    fi
}

# bench_unpack <work>: an empty <work> with the built distribution unpacked in <work>/dist.
bench_unpack() {
    rm -rf "$1"
    mkdir -p "$1/dist"
    tar xzf karaf-assembly/target/forkline-*.tar.gz -C "$1/dist" --strip-components=1
    # Many sockets: each leg binds an RTP and an RTCP port.
    ulimit -n 65536 2>/dev/null || true
}

# bench_start_node <work> <cpus>: starts <work>/dist as a daemon pinned to <cpus>, with the FORKLINE_* environment
# the caller exported, stops it when the script exits, and waits (2 min at most) until its REST API answers.
# Sets node_pid.
bench_start_node() {
    taskset -c "$2" "$1/dist/bin/karaf" daemon > "$1/node.out" 2>&1 &
    node_pid=$!
    trap 'kill ${node_pid} 2>/dev/null || true; wait ${node_pid} 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do
        curl -sf -u karaf:karaf "http://127.0.0.1:${FORKLINE_HTTP_PORT}/api/v1/health" >/dev/null && return 0
        sleep 1
    done
    echo "node did not come up, see ${FORKLINE_DATA}/log/karaf.log"
    exit 1
}
