// The Juju release juju-sim emulates: what hooks see in JUJU_VERSION, what status and
// show-model report as the agents' version, and what `juju version` prints.
export const jujuVersion = '3.6.14';
