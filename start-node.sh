#!/usr/bin/env bash
# Builds Forkline and starts one node on embedded defaults in the foreground, at the Karaf console
# (try `forkline:status`; `shutdown -f` stops it). SIP on 127.0.0.1:5060 (UDP+TCP), REST on
# http://127.0.0.1:8181/api/v1 (login karaf/karaf). The distribution is unpacked afresh into
# target/forkline-node/dist at every start; the node's data (database, recordings, logs) stays in
# target/forkline-node/data. FORKLINE_* environment variables change ports and folders (README.md).
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    export JAVA_HOME
fi

mvn -B -q install -DskipTests
dist_archive="$(ls karaf-assembly/target/forkline-*.tar.gz | head -n 1)"
node_dir="target/forkline-node"
rm -rf "${node_dir}/dist"
mkdir -p "${node_dir}/dist"
tar xzf "${dist_archive}" -C "${node_dir}/dist" --strip-components=1
export FORKLINE_DATA="${FORKLINE_DATA:-$(pwd)/${node_dir}/data}"
# configuration from the fresh build, not the copy a node started with FORKLINE_DATA keeps (see bin/setenv)
export FORKLINE_ETC="${FORKLINE_ETC:-$(pwd)/${node_dir}/dist/etc}"
exec "${node_dir}/dist/bin/karaf" "$@"
