// The Juju release juju-sim emulates: what hooks see in JUJU_VERSION, what status and
// show-model report as the agents' version, and what `juju version` prints; and the machine's
// architecture in Juju's (and charmcraft's) names.
import { arch } from 'node:os';

export const jujuVersion = '3.6.14';

/** Node's name for this machine's architecture, as Juju's arch.HostArch names it. */
export const hostArch = (): string =>
  ({ x64: 'amd64', arm64: 'arm64', ppc64: 'ppc64el', s390x: 's390x', riscv64: 'riscv64' })[arch() as string] ?? arch();
