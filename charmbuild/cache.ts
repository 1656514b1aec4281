// The build cache: one directory per input digest. A directory appears there complete or not
// at all: it is built under a temporary name beside its final place and renamed into place,
// so a crashed or failed build leaves nothing behind and two racing builds cannot mix files.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** `$JUJU_SIM_CACHE`, else `$XDG_CACHE_HOME/juju-sim`, else `~/.cache/juju-sim`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.JUJU_SIM_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'juju-sim');
}

/**
 * Makes `dir` with `build` unless it exists already. Returns whether this call built it; false
 * also when a concurrent build of the same inputs finished first (its result is as good).
 */
export async function cached(dir: string, build: (tmp: string) => Promise<void>): Promise<boolean> {
  if (existsSync(dir)) return false;
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(dir), `.${basename(dir)}.tmp-`));
  try {
    await build(tmp);
    chmodSync(tmp, 0o755); // mkdtemp's 0700 is no mode for a charm or venv directory
    renameSync(tmp, dir);
    return true;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && existsSync(dir)) return false;
    throw err;
  }
}
