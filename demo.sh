#!/usr/bin/env bash
# The demo model: the bundled charms deployed and related, settled, and every databag shown.
# Runs in its own $JUJU_SIM_HOME (a temporary one unless you set it) and stops its daemon after.
set -euo pipefail
cd "$(dirname "$0")"
export JUJU_SIM_HOME=${JUJU_SIM_HOME:-$(mktemp -d "${TMPDIR:-/tmp}/juju-sim-demo.XXXXXX")}
sim() { echo "+ juju-sim $*" >&2; node dist/cmd/main.js "$@"; }
trap 'node dist/cmd/main.js daemon stop >/dev/null' EXIT

sim deploy charms/bash-redis redis
sim deploy charms/bash-client client -n 2
sim integrate redis client
sim settle
sim status
sim show
