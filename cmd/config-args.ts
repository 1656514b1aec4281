// The arguments of Juju's config commands (`config`, `model-config`), read as their shared
// ConfigCommandBase.Init reads them (cmd/juju/config/config.go): key=value sets, a bare key gets
// that one value, --reset (repeatable, comma-separated) resets; a malformed or conflicting
// combination is a usage error, exit 2.
import { UsageError } from '../core/errors.js';

export interface ConfigArgs {
  set: Record<string, string>;
  reset: string[];
  /** The one key to show; neither this nor set nor reset: show them all. */
  key?: string;
}

/** Juju's ConfigCommandBase.Init: the arguments and --reset values to what the command does. */
export function parseConfigArgs(args: string[], resetValues: string[]): ConfigArgs {
  const actions: string[] = [];
  const reset = resetValues.flatMap((value) => value.replace(/^,+|,+$/g, '').split(','));
  for (const key of reset) {
    if (key.includes('=')) throw new UsageError(`--reset accepts a comma delimited set of keys "a,b,c", received: "${key}"`);
  }
  if (reset.length > 0) actions.push('use --reset flag');
  const set: Record<string, string> = {};
  const keys: string[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0) {
      keys.push(arg);
      continue;
    }
    const key = arg.slice(0, eq);
    if (key === '') throw new UsageError(`expected "key=value", got "${arg}"`);
    if (Object.hasOwn(set, key)) throw new UsageError(`key "${key}" specified more than once`);
    set[key] = arg.slice(eq + 1);
  }
  if (keys.length > 0) actions.push('get value');
  if (Object.keys(set).length > 0) actions.push('set key=value pairs');
  if (actions.length > 1 && keys.length > 0) {
    const list = actions.length === 2 ? actions.join(' and ') : `${actions.slice(0, -1).join(', ')} and ${actions.at(-1)}`;
    throw new UsageError(`cannot ${list} simultaneously`);
  }
  if (keys.length > 1) throw new UsageError('cannot specify multiple keys to get');
  for (const key of reset) if (Object.hasOwn(set, key)) throw new UsageError(`cannot set and reset key "${key}" simultaneously`);
  return { set, reset, key: keys[0] };
}
