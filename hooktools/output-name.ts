// Which format an Output was given: juju/cmd's Output.Name(). status-get, network-get and
// credential-get print differently per format, the way Juju's Go types do. format.ts keeps the
// choice private; this reads it until Output offers an accessor of its own.

import type { FormatName, Output } from './format.js';

export function outputName(out: Output): FormatName {
  return (out as unknown as { format: { name: FormatName } }).format.name;
}
