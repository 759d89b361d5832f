#!/usr/bin/env bash
# Runs every Forkline test: unit tests, karaf:verify of every feature, the Karaf distribution, and the
# end-to-end tests that run the distribution as processes with SIPp playing CUCM.
# Installs the Debian packages the end-to-end tests need when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
# PartitionIT cuts the traffic between nodes with iptables rules it adds and removes (needs root or CAP_NET_ADMIN)
command -v iptables >/dev/null 2>&1 || [ -x /usr/sbin/iptables ] || missing+=(iptables)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing ${missing[*]} (needed by the end-to-end tests)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    export JAVA_HOME
fi

exec mvn -B verify "$@"
