// `-m, --model`: the model a command acts on, as Juju's model commands take it. The option
// names it (`m`, `admin/m`, `juju-sim:m`, `juju-sim:admin/m`), else $JUJU_MODEL, else the
// daemon's current model (`switch`, `add-model`). Every command that talks to a model gets it
// here, once: its CommandIO's calls name the model chosen for this run, and only this run, since
// the daemon runs many front ends' commands at once.
import { Option, type Command } from 'commander';
import type { ControlCall } from '../agent/control/client.js';
import type { CommandIO } from './io.js';

/** `make` over an io whose calls name the model of `-m`/$JUJU_MODEL, with the option added. */
export function withModelOption(make: (io: CommandIO) => Command, io: CommandIO): Command {
  let model: string | undefined;
  const call: ControlCall = (method, params) => io.call(method, { model, ...params });
  // Everything else (exitCode included) reads and writes through to the run's own io.
  const scoped = new Proxy(io, { get: (target, key) => (key === 'call' ? call : Reflect.get(target, key)) });
  return make(scoped)
    .addOption(new Option('-m, --model <model>', 'the model to act on (default: $JUJU_MODEL, else the current model)'))
    .hook('preAction', (_, action) => {
      model = (action.opts() as { model?: string }).model ?? (io.env.JUJU_MODEL || undefined);
    });
}
