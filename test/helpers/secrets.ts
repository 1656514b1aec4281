// What the secrets tests read of a model: the secret hooks test/charms/secret-keeper logged,
// and a command run in a unit's hook context.
import type { Result, Sim } from './sim.js';

/** The secret hooks a secret-keeper unit ran, in order, as `<hook> id=… label=… revision=…`. */
export async function secretHooks(sim: Sim, unit: string): Promise<string[]> {
  const log = await sim.ok('debug-log', '--include', unit, '--level', 'INFO');
  return [...log.matchAll(/juju-log (secret-\S+ id=\S* label=\S* revision=\S*)$/gm)].map((m) => m[1]);
}

/** `juju-sim exec <unit> -- <command>`: its exit code and output. */
export const exec = (sim: Sim, unit: string, command: string): Promise<Result> => sim.run('exec', unit, '--', command);
