#!/usr/bin/env bash
# The demo model: one redis interface, two paradigms. The ops and the charms.reactive example
# charms related in all four pairings, settled, and every databag shown. The ops provider
# publishes `hostname`, the reactive interface `host`: see "Two paradigms, one interface" in
# README.md for what that does to each client.
# Runs in its own $JUJU_SIM_HOME (a temporary one, removed after, unless you set it) and stops
# its daemon after.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JUJU_SIM_HOME:-}" ]; then
  JUJU_SIM_HOME=$(mktemp -d "${TMPDIR:-/tmp}/juju-sim-demo.XXXXXX")
  # A home of our own making goes once the daemon has stopped; one you named stays.
  cleanup() { bin/juju-sim daemon stop >/dev/null; rm -rf "$JUJU_SIM_HOME"; }
else
  cleanup() { bin/juju-sim daemon stop >/dev/null; }
fi
export JUJU_SIM_HOME
sim() { echo "+ juju-sim $*" >&2; bin/juju-sim "$@"; }
trap cleanup EXIT

sim deploy charms/ops-redis ops-redis
sim deploy charms/reactive-redis reactive-redis
sim deploy charms/ops-redis-client ops-client
sim deploy charms/reactive-redis-client reactive-client
sim deploy charms/reactive-redis-client reactive-client-of-ops
sim deploy charms/ops-redis-client ops-client-of-reactive
sim integrate ops-redis ops-client
sim integrate reactive-redis reactive-client
sim integrate ops-redis reactive-client-of-ops
sim integrate reactive-redis ops-client-of-reactive
sim settle
sim status
# A reactive unit's flags, read by charms.reactive's own command line in the unit's context.
sim exec reactive-client-of-ops/0 -- 'PYTHONWARNINGS=ignore ../.venv/bin/charms.reactive get_flags; echo'
sim show
