// Juju's first-start order, as the tests that create a burst of changes before any hook runs
// (a paused model, a bundle) expect it: each unit runs install, relation-created (peers and
// regular), leader-elected or leader-settings-changed, one config-changed, start, then
// joined → changed for each remote unit, and changed again for what that unit wrote since.
import type { Sim } from './sim.js';

interface Run {
  unit: string;
  hook: string;
  remoteUnit: string | null;
}

/** Every hook run in the model, in order, as `<unit> <hook> [<remote unit>]`. */
export async function history(sim: Sim): Promise<string[]> {
  return ((await sim.json('history')) as Run[]).map((r) => [r.unit, r.hook, r.remoteUnit].filter(Boolean).join(' '));
}

/** Each unit's hooks, in order, as `<hook> [<remote unit>]`. */
export async function hooksByUnit(sim: Sim): Promise<Record<string, string[]>> {
  const byUnit: Record<string, string[]> = {};
  for (const r of (await sim.json('history')) as Run[]) (byUnit[r.unit] ??= []).push([r.hook, r.remoteUnit].filter(Boolean).join(' '));
  return byUnit;
}

/**
 * The hooks of `a` (test/charms/clustered-redis, two units, its port configured) and `b`
 * (charms/bash-client, one unit) related before any of them ran one. Juju 3.6 takes peer
 * relations last (relation/resolver.go, juju 9cab7d90f4), so each `a` unit joins b/0 before its
 * peer, writing its address on redis-relation-joined before b/0 first hears of it; b/0's reply
 * (it copies what it read) reaches each `a` unit once more, ahead of the peer's changed hook.
 * That last part is timing, as in Juju: only one hook at a time (--max-parallel-hooks 1) makes
 * it the same every run.
 */
export const clusteredRedisWithClient = {
  'a/0': [
    'install',
    'cluster-relation-created',
    'redis-relation-created',
    'leader-elected',
    'config-changed',
    'start',
    'redis-relation-joined b/0',
    'redis-relation-changed b/0',
    'cluster-relation-joined a/1',
    'redis-relation-changed b/0',
    'cluster-relation-changed a/1',
  ],
  'a/1': [
    'install',
    'cluster-relation-created',
    'redis-relation-created',
    'leader-settings-changed',
    'config-changed',
    'start',
    'redis-relation-joined b/0',
    'redis-relation-changed b/0',
    'cluster-relation-joined a/0',
    'redis-relation-changed b/0',
    'cluster-relation-changed a/0',
  ],
  'b/0': [
    'install',
    'redis-relation-created',
    'leader-elected',
    'config-changed',
    'start',
    'redis-relation-joined a/0',
    'redis-relation-changed a/0',
    'redis-relation-joined a/1',
    'redis-relation-changed a/1',
  ],
};
