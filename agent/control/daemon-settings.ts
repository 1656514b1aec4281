// The daemon's own settings, fixed when it starts: `juju-sim daemon start --max-parallel-hooks N`
// or, for the daemon any command starts on demand, the environment. The CLI checks the flag and
// passes it on in the environment; the daemon reads the environment, and refuses a bad value
// with an error that the command which started it prints.
import { availableParallelism } from 'node:os';
import { JujuSimError } from '../../core/errors.js';
import { goQuote } from '../../core/gnuflag.js';

/** The variable the daemon takes its hook parallelism from; the CLI passes it on. */
export const maxParallelHooksVariable = 'JUJU_SIM_MAX_PARALLEL_HOOKS';

/**
 * How many hooks (and actions, and exec commands) may run at once, each of another unit:
 * as many as the machine has CPUs, since a hook is mostly a process starting and computing.
 */
export const defaultMaxParallelHooks = (): number => availableParallelism();

/** A positive integer in decimal digits, as Go's strconv.Atoi reads one, or why not. */
export function parseMaxParallelHooks(text: string): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new JujuSimError('expected a positive integer');
  return n;
}

/** The setting the environment gives, or the default; a value that is no positive integer is refused. */
export function maxParallelHooksFrom(env: NodeJS.ProcessEnv): number {
  const text = env[maxParallelHooksVariable];
  if (text === undefined || text === '') return defaultMaxParallelHooks();
  try {
    return parseMaxParallelHooks(text);
  } catch (err) {
    throw new JujuSimError(`invalid value ${goQuote(text)} for ${maxParallelHooksVariable}: ${(err as Error).message}`);
  }
}
